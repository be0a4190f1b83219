import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './persistent-volume-reuse.js';
import { docs, namespaceYaml } from './fixtures.js';

const NS = docs(namespaceYaml('a1', 'acme'), namespaceYaml('g1', 'globex'));
const pv = (extra: string): string => `apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-1}
${extra}
`;
const pvc = (ns: string, name: string, volumeName?: string): string =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: ${ns}}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}${volumeName ? `, volumeName: ${volumeName}` : ''}}\n`;
const CLAIMED_BY_ACME = '  claimRef: {namespace: a1, name: data}';

testRule(rule, {
  valid: [
    { name: 'dynamically provisioned, Delete, used by its tenant', objects: docs(pv(`  persistentVolumeReclaimPolicy: Delete\n${CLAIMED_BY_ACME}`), NS, pvc('a1', 'data', 'pv1')) },
    { name: 'unclaimed platform volume', objects: docs(pv('  persistentVolumeReclaimPolicy: Retain'), NS), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'globex PVC names the PV acme claimed',
      objects: docs(pv(`  persistentVolumeReclaimPolicy: Delete\n${CLAIMED_BY_ACME}`), NS, pvc('g1', 'grab', 'pv1')),
      messages: ['rebound'],
      paths: ['spec.claimRef'],
      messageIncludes: 'tenant acme',
    },
    {
      name: 'Retain by default on a static PV',
      objects: docs(pv(CLAIMED_BY_ACME), NS),
      messages: ['retain'],
      paths: ['spec.persistentVolumeReclaimPolicy'],
    },
    {
      name: 'hostPath PV with Retain',
      objects: docs(
        `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv1}\nspec: {hostPath: {path: /var/data}, persistentVolumeReclaimPolicy: Retain, claimRef: {namespace: a1, name: data}}\n`,
        NS,
      ),
      messages: ['hostPath', 'retain'],
      paths: ['spec.hostPath.path'],
    },
  ],
});

const hardAcme = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1'], isolation: 'hard' }];
};
const provisioned = (extra: string): string => pv(extra).replace('metadata: {name: pv1}', 'metadata: {name: pv1, annotations: {pv.kubernetes.io/provisioned-by: ebs.csi.aws.com}}');

testRule(rule, {
  valid: [
    { name: 'hard tenant: dynamically provisioned, Delete', objects: docs(provisioned(`  persistentVolumeReclaimPolicy: Delete\n${CLAIMED_BY_ACME}`), NS, pvc('a1', 'data', 'pv1')), config: hardAcme },
  ],
  invalid: [
    { name: 'hard tenant: a hand-made PV (Delete)', objects: docs(pv(`  persistentVolumeReclaimPolicy: Delete\n${CLAIMED_BY_ACME}`), NS), config: hardAcme, messages: ['staticVolume'], paths: ['metadata.annotations["pv.kubernetes.io/provisioned-by"]'] },
  ],
});
