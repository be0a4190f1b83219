import { defineRule } from '../../engine/rule.js';
import { CLUSTER_KIND } from '../../engine/rule.js';
import { dataLabel, releaseOf, staleReason } from '../../analysis/kubernetes-releases.js';
import { kubeletVersionOf, minorKey, parseVersion, type ObservedVersion } from '../../analysis/kubernetes-versions.js';
import { currentVersionOf, peer, releaseDataOf } from './common.js';

/** A minor past end of life gets no security patches: every CVE fixed since stays open. */
export default defineRule({
  meta: {
    id: 'versions/end-of-life',
    title: 'The control plane and kubelets must run a supported Kubernetes minor release',
    description:
      'The Kubernetes project patches each minor release for about 14 months. After its end-of-life date no fix, security ones included, is released for it. Checked for the control plane (live /version; offline the kube-apiserver static pod image or kubeadm-config) and every kubelet (Node status.nodeInfo.kubeletVersion) against dated release data: the embedded table or --release-data FILE. Results name the data date and are unknown when the data is more than a year older than the scan. Managed distributions (EKS, GKE, AKS) publish their own, often longer, support windows.',
    remediation: 'Upgrade the control plane, then the nodes, one minor at a time to a supported release; keep the release data current (--release-data) if Palisade itself is older than a year.',
    severity: 'high',
    category: 'security',
    references: [peer('popeye/POP-405'), peer('kube-bench/version'), { framework: 'NSA', id: 'C-0273' }],
    targets: [CLUSTER_KIND, 'Node'],
    scope: 'object',
    messages: {
      eol: '{{component}} runs Kubernetes {{version}}; {{minor}} reached end of life on {{endOfLife}} ({{data}})',
      unknownMinor: '{{component}} runs Kubernetes {{version}}, a minor older than any in the {{data}}: past end of life',
    },
  },
  check(ctx) {
    const data = releaseDataOf(ctx);
    const stale = staleReason(data, ctx.now);
    const observed: ObservedVersion | undefined = ctx.target.kind === 'Node' ? kubeletVersionOf(ctx.target) : currentVersionOf(ctx);
    if (!observed) return ctx.target.kind === 'Node' ? ctx.unknown('the Node reports no kubeletVersion') : undefined;
    const v = parseVersion(observed.version);
    if (!v) return ctx.unknown(`cannot parse version ${observed.version} (${observed.source})`);
    if (stale) return ctx.unknown(stale);
    const component = ctx.target.kind === 'Node' ? `The kubelet of Node ${ctx.target.metadata.name}` : 'The control plane';
    const minor = minorKey(v);
    const release = releaseOf(data, minor);
    const oldest = data.minors.map((m) => parseVersion(`${m.minor}.0`)!).sort((a, b) => a.major - b.major || a.minor - b.minor)[0];
    const evidence = (expected: string) => [{ path: observed.source, actual: observed.version, expected }];
    if (!release) {
      const older = oldest !== undefined && (v.major < oldest.major || (v.major === oldest.major && v.minor < oldest.minor));
      if (older) return ctx.fail('unknownMinor', { component, version: observed.version, data: dataLabel(data) }, evidence('a supported minor'));
      return ctx.unknown(`Kubernetes ${minor} is newer than the ${dataLabel(data)}; update it with --release-data`);
    }
    const today = ctx.now.toISOString().slice(0, 10);
    if (release.endOfLife < today) {
      return ctx.fail('eol', { component, version: observed.version, minor, endOfLife: release.endOfLife, data: dataLabel(data) }, evidence(`a minor supported on ${today}`));
    }
    ctx.pass(undefined, {}, evidence(`supported until ${release.endOfLife} (${dataLabel(data)})`));
  },
});
