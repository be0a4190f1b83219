import { defineRule } from '../../engine/rule.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { listText, targetTenant } from './common.js';

/** Istio's default root namespace (meshConfig.rootNamespace): a selector-less PeerAuthentication there is mesh-wide. */
const ISTIO_ROOT = 'istio-system';
/** Linkerd default inbound policies that admit only mTLS-authenticated (meshed) clients. */
const LINKERD_AUTHENTICATED = new Set(['all-authenticated', 'cluster-authenticated', 'deny']);
const LINKERD_POLICY = 'config.linkerd.io/default-inbound-policy';

type Mesh = 'istio' | 'linkerd';

function meshOf(ns: K8sObject | undefined): Mesh | undefined {
  const labels = ns?.metadata.labels ?? {};
  if (labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] || labels['istio.io/dataplane-mode'] === 'ambient') return 'istio';
  if (ns?.metadata.annotations?.['linkerd.io/inject'] === 'enabled') return 'linkerd';
  return undefined;
}

function peerAuthentications(snapshot: Snapshot, namespace: string): K8sObject[] {
  return snapshot.inNamespace(namespace, 'PeerAuthentication').filter((p) => p.apiVersion.startsWith('security.istio.io/'));
}

const specOf = (o: K8sObject): Record<string, unknown> => (isRecord(o['spec']) ? o['spec'] : {});
const hasSelector = (p: K8sObject): boolean => isRecord(specOf(p)['selector']) && Object.keys(specOf(p)['selector'] as object).length > 0;
const modeOf = (p: K8sObject): string => {
  const mtls = specOf(p)['mtls'];
  return isRecord(mtls) && typeof mtls['mode'] === 'string' ? mtls['mode'] : 'UNSET';
};

/** Effective namespace-wide Istio mode: the namespace's selector-less policy, else the root namespace's, else PERMISSIVE. */
function istioMode(snapshot: Snapshot, namespace: string, root: string): { mode: string; from: string } {
  for (const ns of [namespace, root]) {
    const p = peerAuthentications(snapshot, ns).find((x) => !hasSelector(x) && modeOf(x) !== 'UNSET');
    if (p) return { mode: modeOf(p), from: `PeerAuthentication/${ns}/${p.metadata.name}` };
  }
  return { mode: 'PERMISSIVE', from: 'Istio default (no PeerAuthentication)' };
}

/** Workload-level PeerAuthentications that turn STRICT off for some pods or ports. */
function istioWeakening(snapshot: Snapshot, namespace: string): string[] {
  return peerAuthentications(snapshot, namespace)
    .filter((p) => {
      const ports = isRecord(specOf(p)['portLevelMtls']) ? Object.values(specOf(p)['portLevelMtls'] as object) : [];
      const weakPort = ports.some((m) => isRecord(m) && (m['mode'] === 'PERMISSIVE' || m['mode'] === 'DISABLE'));
      return (hasSelector(p) && (modeOf(p) === 'PERMISSIVE' || modeOf(p) === 'DISABLE')) || weakPort;
    })
    .map((p) => `PeerAuthentication/${namespace}/${p.metadata.name}`);
}

/** The cluster-wide Linkerd default inbound policy from the destination controller's `--default-policy` flag, if visible. */
function linkerdClusterDefault(snapshot: Snapshot): string | undefined {
  for (const d of snapshot.ofKind('Deployment')) {
    if (d.metadata.name !== 'linkerd-destination') continue;
    const tpl = isRecord(specOf(d)['template']) ? (specOf(d)['template'] as Record<string, unknown>) : {};
    const containers = isRecord(tpl['spec']) && Array.isArray(tpl['spec']['containers']) ? tpl['spec']['containers'] : [];
    for (const c of containers) {
      const args = isRecord(c) && Array.isArray(c['args']) ? c['args'] : [];
      for (const a of args) if (typeof a === 'string' && a.startsWith('--default-policy=')) return a.slice('--default-policy='.length);
    }
  }
  return undefined;
}

/** True when the input shows a service mesh at all: Istio policies, meshed namespaces, or a control plane. */
function meshPresent(snapshot: Snapshot): boolean {
  if (snapshot.ofKind('PeerAuthentication').some((p) => p.apiVersion.startsWith('security.istio.io/'))) return true;
  if (snapshot.ofKind('Namespace').some((n) => meshOf(n) !== undefined)) return true;
  return snapshot.ofKind('Deployment').some((d) => d.metadata.name === 'istiod' || d.metadata.name === 'linkerd-destination');
}

/** Every meshed tenant namespace must require mTLS: Istio STRICT, Linkerd an authenticated default inbound policy. */
export default defineRule({
  meta: {
    id: 'tenancy/mesh-mtls',
    title: 'Tenant traffic must be mutually authenticated (mTLS STRICT) when a service mesh runs',
    description:
      'NetworkPolicy trusts IP addresses; a mesh can also prove which workload is calling. Istio accepts plaintext by default (PERMISSIVE) and Linkerd admits unauthenticated clients by default (all-unauthenticated), so any pod — another tenant’s, or one outside the mesh — can talk to a tenant’s pods without an identity, and traffic may travel unencrypted. The tenant’s namespaces must be in the mesh (istio-injection=enabled, istio.io/rev, ambient; linkerd.io/inject: enabled) and require mTLS: an Istio PeerAuthentication with mtls.mode STRICT in the namespace or mesh-wide in the root namespace, with no workload policy turning it off; for Linkerd a default inbound policy of all-authenticated, cluster-authenticated or deny (namespace annotation, else the cluster default). Not applicable without a mesh.',
    remediation:
      'Istio: apply a PeerAuthentication with spec.mtls.mode: STRICT in istio-system (mesh-wide) or each tenant namespace, and remove PERMISSIVE/DISABLE workload policies. Linkerd: annotate the tenant namespaces config.linkerd.io/default-inbound-policy: all-authenticated (or deny, with Server/AuthorizationPolicy allows), or install with proxy.defaultInboundPolicy=all-authenticated.',
    severity: 'medium',
    category: 'tenancy',
    references: [{ framework: 'MITRE ATT&CK', id: 'T1557 Adversary-in-the-Middle' }],
    targets: ['Tenant'],
    scope: 'tenant',
    requires: ['Namespace'],
    messages: {
      notMeshed: 'Tenant {{tenant}} namespaces {{namespaces}} are not in the service mesh: their traffic is not mutually authenticated',
      notStrict: 'Tenant {{tenant}} accepts traffic without mTLS in {{namespaces}}',
      weakened: 'Tenant {{tenant}}: {{policies}} turn mTLS STRICT off for some workloads or ports',
    },
  },
  check(ctx) {
    const tenant = targetTenant(ctx);
    if (!meshPresent(ctx.snapshot)) {
      ctx.notApplicable('no Istio or Linkerd objects in the input');
      return;
    }
    const gap = ctx.snapshot.gapFor('PeerAuthentication');
    const rootOption = ctx.options['istioRootNamespace'];
    const root = typeof rootOption === 'string' ? rootOption : ISTIO_ROOT;
    const unmeshed: string[] = [];
    const plaintext: { ns: string; why: string }[] = [];
    const weakened: string[] = [];
    const undecided: string[] = [];
    const linkerdDefault = linkerdClusterDefault(ctx.snapshot);
    for (const ns of tenant.namespaces) {
      const obj = ctx.snapshot.namespace(ns);
      const mesh = meshOf(obj);
      if (!mesh) {
        unmeshed.push(ns);
        continue;
      }
      if (mesh === 'istio') {
        if (gap) {
          undecided.push(`${ns} (PeerAuthentication ${gap.code})`);
          continue;
        }
        const m = istioMode(ctx.snapshot, ns, root);
        if (m.mode !== 'STRICT') plaintext.push({ ns, why: `${m.mode} by ${m.from}` });
        weakened.push(...istioWeakening(ctx.snapshot, ns));
        continue;
      }
      const annotated = obj?.metadata.annotations?.[LINKERD_POLICY];
      const policy = annotated ?? linkerdDefault;
      if (policy === undefined) undecided.push(`${ns} (Linkerd cluster default inbound policy not in the input)`);
      else if (!LINKERD_AUTHENTICATED.has(policy)) plaintext.push({ ns, why: `Linkerd default inbound policy ${policy}${annotated ? '' : ' (cluster default)'}` });
    }
    const name = tenant.name;
    if (unmeshed.length > 0) {
      ctx.fail('notMeshed', { tenant: name, namespaces: listText(unmeshed) }, [
        { path: 'Namespace metadata', actual: unmeshed, expected: 'istio-injection=enabled, istio.io/rev or istio.io/dataplane-mode=ambient; or annotation linkerd.io/inject: enabled' },
      ]);
    }
    if (plaintext.length > 0) {
      ctx.fail('notStrict', { tenant: name, namespaces: listText(plaintext.map((p) => p.ns)) }, plaintext.map((p) => ({ path: `Namespace/${p.ns}`, actual: p.why, expected: 'Istio mtls.mode STRICT, or Linkerd all-authenticated / cluster-authenticated / deny' })));
    }
    if (weakened.length > 0) {
      ctx.fail('weakened', { tenant: name, policies: listText(weakened) }, weakened.map((w) => ({ path: w, actual: 'PERMISSIVE or DISABLE', expected: 'STRICT (or UNSET, inheriting STRICT)' })));
    }
    if (unmeshed.length === 0 && plaintext.length === 0 && weakened.length === 0 && undecided.length > 0) {
      ctx.unknown(`mTLS of ${listText(undecided)} is not known`);
    }
  },
});
