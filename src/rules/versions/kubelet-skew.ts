import { defineRule } from '../../engine/rule.js';
import { controlPlaneVersion, kubeletVersionOf, parseVersion } from '../../analysis/kubernetes-versions.js';
import { peer } from './common.js';

/** Kubelets older than the skew policy allows, or newer than the API server, are unsupported. */
export default defineRule({
  meta: {
    id: 'versions/kubelet-skew',
    title: 'Kubelets must be within the supported version skew of the API server',
    description:
      'The Kubernetes version skew policy: a kubelet must not be newer than kube-apiserver, and may be at most three minor versions older (two before 1.28). Outside it, API fields and features the control plane relies on may be missing on the node, and the combination is untested and unsupported. Checked for every Node (status.nodeInfo.kubeletVersion) against the control plane version (live /version; offline the kube-apiserver image or kubeadm-config).',
    remediation: 'Upgrade (or, for a newer kubelet, replace) the node so its kubelet is at most three minors behind and never ahead of the API server; upgrade the control plane first, then the nodes.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('kubernetes.io/version-skew-policy')],
    targets: ['Node'],
    scope: 'object',
    messages: {
      newer: 'The kubelet of Node {{node}} ({{kubelet}}) is newer than the API server ({{apiserver}})',
      tooOld: 'The kubelet of Node {{node}} ({{kubelet}}) is {{skew}} minor versions behind the API server ({{apiserver}}); at most {{allowed}} are supported',
    },
  },
  check(ctx) {
    const kubelet = kubeletVersionOf(ctx.target);
    if (!kubelet) return ctx.unknown('the Node reports no kubeletVersion');
    const cp = controlPlaneVersion(ctx.snapshot);
    if (!cp) return ctx.unknown('the control plane version is not visible (no /version, no kube-apiserver pod, no kubeadm-config)');
    const k = parseVersion(kubelet.version);
    const a = parseVersion(cp.version);
    if (!k || !a || k.major !== a.major) return ctx.unknown(`cannot compare kubelet ${kubelet.version} with API server ${cp.version}`);
    const allowed = a.minor >= 28 ? 3 : 2;
    const skew = a.minor - k.minor;
    const data = { node: ctx.target.metadata.name, kubelet: kubelet.version, apiserver: cp.version };
    const evidence = (expected: string) => [{ path: kubelet.source, actual: kubelet.version, expected: `${expected} (API server ${cp.version} from ${cp.source})` }];
    if (skew < 0) return ctx.fail('newer', data, evidence('not newer than the API server'));
    if (skew > allowed) return ctx.fail('tooOld', { ...data, skew, allowed }, evidence(`at most ${allowed} minors older`));
    ctx.pass(undefined, {}, evidence(`at most ${allowed} minors older`));
  },
});
