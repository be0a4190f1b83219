import { defineRule } from '../../engine/rule.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { tenantModelFor, isRealTenant } from '../../analysis/tenants.js';
import { specOf } from './common.js';

/** PVCs that request a PersistentVolume by name (`spec.volumeName`), by PV name, per snapshot. */
const claimsByVolume = new WeakMap<Snapshot, Map<string, K8sObject[]>>();

function claimsNaming(snapshot: Snapshot, pv: string): K8sObject[] {
  let idx = claimsByVolume.get(snapshot);
  if (!idx) {
    idx = new Map();
    for (const pvc of snapshot.ofKind('PersistentVolumeClaim')) {
      const v = specOf(pvc)['volumeName'];
      if (typeof v !== 'string' || v === '') continue;
      const list = idx.get(v);
      if (list) list.push(pvc);
      else idx.set(v, [pvc]);
    }
    claimsByVolume.set(snapshot, idx);
  }
  return idx.get(pv) ?? [];
}

/** Storage that outlives or escapes a tenant: PVs reused across tenants, hostPath PVs, `Retain` leaving data for the next claimant. */
export default defineRule({
  meta: {
    id: 'tenancy/persistent-volume-reuse',
    title: 'PersistentVolumes must not carry data between tenants',
    description:
      'A PersistentVolume with reclaim policy Retain keeps the previous tenant’s data after release and can be bound by another tenant; a PVC naming a PV (spec.volumeName) that another tenant used reads its data; a hostPath PV gives a tenant the node’s filesystem. A tenant with the hard isolation profile gets only dynamically provisioned volumes: a hand-made PV points at storage (an NFS export, a disk) that an administrator may have handed to others too.',
    remediation: 'Use dynamically provisioned volumes with reclaimPolicy Delete for tenants; do not pre-bind PVs across tenants; never give tenants hostPath PVs.',
    severity: 'high',
    category: 'tenancy',
    references: [
      { framework: 'MTB', id: 'pending #1199 (PV reclaim policy Delete)' },
      { framework: 'MTB', id: 'pending #1200 (block use of existing PVs)' },
      { framework: 'MTB', id: 'MTB-PL1-BC-HI-1' },
    ],
    targets: ['PersistentVolume'],
    scope: 'object',
    requires: ['PersistentVolumeClaim'],
    messages: {
      rebound: 'PersistentVolume last claimed by tenant {{previous}} ({{claim}}) is requested by {{other}} of tenant {{tenant}}',
      retain: 'PersistentVolume of tenant {{tenant}} has reclaim policy Retain: its data stays for the next claimant',
      hostPath: 'PersistentVolume of tenant {{tenant}} is a hostPath volume ({{path}})',
      staticVolume: 'PersistentVolume of hard-isolated tenant {{tenant}} was created by hand, not provisioned for the claim: its backing storage may be shared',
    },
  },
  check(ctx) {
    const tenants = tenantModelFor(ctx.snapshot, ctx.config);
    const spec = specOf(ctx.target);
    const claimRef = isRecord(spec['claimRef']) ? spec['claimRef'] : undefined;
    const claimNs = typeof claimRef?.['namespace'] === 'string' ? claimRef['namespace'] : undefined;
    const claimName = typeof claimRef?.['name'] === 'string' ? claimRef['name'] : '';
    const owner = tenants.tenantOf(claimNs);
    const requesters = claimsNaming(ctx.snapshot, ctx.target.metadata.name).filter((c) => isRealTenant(tenants.tenantOf(c.metadata.namespace)));
    if (!isRealTenant(owner) && requesters.length === 0) {
      ctx.notApplicable('not claimed by a tenant');
      return;
    }
    for (const c of requesters) {
      const t = tenants.tenantOf(c.metadata.namespace);
      if (!isRealTenant(owner) || t === owner) continue;
      ctx.fail('rebound', { previous: owner ?? '', claim: `${claimNs}/${claimName}`, other: `PersistentVolumeClaim/${c.metadata.namespace}/${c.metadata.name}`, tenant: t ?? '' }, [
        { path: 'spec.claimRef', actual: { claimRef: `${claimNs}/${claimName}`, requestedBy: `${c.metadata.namespace}/${c.metadata.name}` }, expected: 'volumes used by one tenant only' },
      ]);
    }
    const tenant = isRealTenant(owner) ? owner! : tenants.tenantOf(requesters[0]?.metadata.namespace) ?? '';
    // Statically created PVs default to Retain; dynamically provisioned ones take the StorageClass policy (Delete by default).
    const policy = typeof spec['persistentVolumeReclaimPolicy'] === 'string' ? spec['persistentVolumeReclaimPolicy'] : 'Retain';
    if (policy === 'Retain') {
      ctx.fail('retain', { tenant }, [{ path: 'spec.persistentVolumeReclaimPolicy', actual: spec['persistentVolumeReclaimPolicy'] ?? 'Retain (default for static PVs)', expected: 'Delete' }]);
    }
    // Provisioners annotate the PVs they create; a PV without the annotation was written by hand.
    const provisioner = ctx.target.metadata.annotations?.['pv.kubernetes.io/provisioned-by'];
    if (isRealTenant(tenant) && tenants.isolationOf(tenant) === 'hard' && !provisioner) {
      ctx.fail('staticVolume', { tenant }, [{ path: 'metadata.annotations["pv.kubernetes.io/provisioned-by"]', actual: null, expected: 'a volume provisioned dynamically for the claim (StorageClass)' }]);
    }
    const hostPath = isRecord(spec['hostPath']) ? spec['hostPath'] : undefined;
    if (hostPath) {
      ctx.fail('hostPath', { tenant, path: String(hostPath['path'] ?? '') }, [{ path: 'spec.hostPath.path', actual: hostPath['path'], expected: 'a network or CSI volume' }]);
    }
  },
});
