import { defineRule } from '../../engine/rule.js';
import { cis, forEachInstance } from './common.js';

/** CIS 1.3.6. The feature gate is on by default (GA); only an explicit `=false` fails. */
export default defineRule({
  meta: {
    id: 'control-plane/rotate-kubelet-server-certificate',
    title: 'Kubelet serving certificate rotation must not be disabled',
    description: 'Without RotateKubeletServerCertificate the controller manager does not approve rotated kubelet serving certificates, so kubelets keep long-lived or self-signed certificates.',
    remediation: 'Remove RotateKubeletServerCertificate=false from --feature-gates on kube-controller-manager.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.3.6')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { disabled: '{{instance}}: --feature-gates sets RotateKubeletServerCertificate=false' },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-controller-manager', (inst) => {
      const v = inst.map('feature-gates').get('RotateKubeletServerCertificate');
      const evidence = [{ path: inst.path('feature-gates'), actual: v ?? null, expected: 'true or unset' }];
      if (v?.toLowerCase() === 'false') ctx.fail('disabled', { instance: inst.label }, evidence);
      else ctx.pass(undefined, {}, evidence);
    });
  },
});
