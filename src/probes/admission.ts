/**
 * Server-side dry-run admission probes (MTB CPI-3..6, HI-1/3/4/5, DI-1, NodePort): create a
 * forbidden Pod or Service with `?dryRun=All` AS the tenant (impersonation). Nothing is stored.
 * Needs the optional overlay manifests/overlays/probes (impersonate); without it the probes are
 * `unknown` with the reason.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { K8sObject } from '../model/k8s.js';
import { probeRequest, statusText, type Identity } from './http.js';

export type AdmissionVerdict = 'admitted' | 'policy-denied' | 'rbac-denied' | 'no-impersonation' | 'error';

export interface AdmissionOutcome {
  verdict: AdmissionVerdict;
  status: number;
  message: string;
}

/** Separates "policy denied" (admission said no) from RBAC refusals, missing impersonation rights and other errors. */
export function classifyAdmission(status: number, message: string): AdmissionOutcome {
  if (status >= 200 && status < 300) return { verdict: 'admitted', status, message: '' };
  if (status === 403 && /cannot impersonate/i.test(message)) return { verdict: 'no-impersonation', status, message };
  const admissionWords = /violates PodSecurity|admission webhook|denied the request|ValidatingAdmissionPolicy|admission plugin|forbidden by policy|is not allowed by|exceeded quota|must be less than or equal|denied by/i;
  if ((status === 403 || status === 422 || status === 400) && admissionWords.test(message)) return { verdict: 'policy-denied', status, message };
  if (status === 403 && /cannot create resource/i.test(message)) return { verdict: 'rbac-denied', status, message };
  return { verdict: 'error', status, message };
}

export interface AdmissionProbe {
  id: string;
  title: string;
  mtb: string[];
  /** The object to dry-run create in `namespace`. */
  object(namespace: string): K8sObject;
}

/** A pod that passes PSS restricted except for what `patch` changes, so a denial is about that field. */
function probePod(namespace: string, name: string, patch: (spec: Record<string, unknown>, container: Record<string, unknown>) => void): K8sObject {
  const container: Record<string, unknown> = {
    name: 'probe',
    image: 'registry.k8s.io/pause:3.10',
    imagePullPolicy: 'Always',
    securityContext: { allowPrivilegeEscalation: false, runAsNonRoot: true, runAsUser: 65534, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  };
  const spec: Record<string, unknown> = { containers: [container], automountServiceAccountToken: false };
  patch(spec, container);
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'palisade-probe' } }, spec };
}

const sc = (c: Record<string, unknown>): Record<string, unknown> => c['securityContext'] as Record<string, unknown>;

export const ADMISSION_PROBES: readonly AdmissionProbe[] = [
  { id: 'privileged', title: 'privileged container', mtb: ['MTB-PL1-BC-CPI-5'], object: (ns) => probePod(ns, 'palisade-probe-privileged', (_s, c) => Object.assign(sc(c), { privileged: true, allowPrivilegeEscalation: true })) },
  { id: 'capabilities', title: 'added capability SETPCAP', mtb: ['MTB-PL1-BC-CPI-3'], object: (ns) => probePod(ns, 'palisade-probe-capabilities', (_s, c) => Object.assign(sc(c), { capabilities: { add: ['SETPCAP'] } })) },
  { id: 'run-as-root', title: 'runAsNonRoot false', mtb: ['MTB-PL1-BC-CPI-4'], object: (ns) => probePod(ns, 'palisade-probe-run-as-root', (_s, c) => { Object.assign(sc(c), { runAsNonRoot: false }); delete sc(c)['runAsUser']; }) },
  { id: 'privilege-escalation', title: 'allowPrivilegeEscalation true', mtb: ['MTB-PL1-BC-CPI-6'], object: (ns) => probePod(ns, 'palisade-probe-privilege-escalation', (_s, c) => Object.assign(sc(c), { allowPrivilegeEscalation: true })) },
  { id: 'host-path', title: 'hostPath volume', mtb: ['MTB-PL1-BC-HI-1'], object: (ns) => probePod(ns, 'palisade-probe-host-path', (s) => Object.assign(s, { volumes: [{ name: 'host', hostPath: { path: '/tmp/palisade-probe' } }] })) },
  { id: 'host-network', title: 'hostNetwork', mtb: ['MTB-PL1-BC-HI-3'], object: (ns) => probePod(ns, 'palisade-probe-host-network', (s) => Object.assign(s, { hostNetwork: true })) },
  { id: 'host-port', title: 'hostPort 8086', mtb: ['MTB-PL1-BC-HI-3'], object: (ns) => probePod(ns, 'palisade-probe-host-port', (_s, c) => Object.assign(c, { ports: [{ containerPort: 8086, hostPort: 8086 }] })) },
  { id: 'host-pid', title: 'hostPID', mtb: ['MTB-PL1-BC-HI-4'], object: (ns) => probePod(ns, 'palisade-probe-host-pid', (s) => Object.assign(s, { hostPID: true })) },
  { id: 'host-ipc', title: 'hostIPC', mtb: ['MTB-PL1-BC-HI-5'], object: (ns) => probePod(ns, 'palisade-probe-host-ipc', (s) => Object.assign(s, { hostIPC: true })) },
  { id: 'pull-policy', title: 'imagePullPolicy Never', mtb: ['MTB-PL1-CC-DI-1'], object: (ns) => probePod(ns, 'palisade-probe-pull-policy', (_s, c) => Object.assign(c, { imagePullPolicy: 'Never' })) },
  {
    id: 'node-port',
    title: 'NodePort Service',
    mtb: ['MTB-PL1-BC-HI-1 (NodePort)'],
    object: (ns) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'palisade-probe-node-port', namespace: ns },
      spec: { type: 'NodePort', selector: { 'app.kubernetes.io/managed-by': 'palisade-probe' }, ports: [{ port: 80, targetPort: 8080 }] },
    }),
  },
];

function collectionPath(obj: K8sObject): string {
  const ns = encodeURIComponent(obj.metadata.namespace ?? 'default');
  return obj.kind === 'Service' ? `/api/v1/namespaces/${ns}/services` : `/api/v1/namespaces/${ns}/pods`;
}

/** Dry-run creates `obj` as `as`; never persists (`dryRun=All`). */
export async function dryRunAs(kc: KubeConfig, obj: K8sObject, as: Identity): Promise<AdmissionOutcome> {
  const res = await probeRequest(kc, { method: 'POST', path: collectionPath(obj), query: { dryRun: 'All', fieldManager: 'palisade-probe' }, body: obj, as });
  return classifyAdmission(res.status, res.status < 300 ? '' : statusText(res.body));
}
