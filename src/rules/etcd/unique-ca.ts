import { defineRule } from '../../engine/rule.js';
import { componentInstances } from '../../analysis/flags.js';
import { cis, forEachInstance } from '../control-plane/common.js';

/**
 * CIS 2.7. Only file paths are visible, so "unique" is judged by path: the etcd CA must not be
 * the file the API server trusts for client certificates.
 */
export default defineRule({
  meta: {
    id: 'etcd/unique-ca',
    title: 'etcd must trust its own certificate authority',
    description:
      'If etcd trusts the cluster CA, every client certificate the cluster CA issues (kubelets, users) is accepted by etcd, which holds all Secrets.',
    remediation: 'Give etcd a dedicated CA (--trusted-ca-file) that is not the kube-apiserver --client-ca-file.',
    severity: 'medium',
    category: 'security',
    references: [cis('2.7')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      missing: '{{instance}}: --trusted-ca-file is not set',
      sameCa: '{{instance}}: --trusted-ca-file {{file}} is also the kube-apiserver --client-ca-file',
    },
  },
  check(ctx) {
    const apiserverCas = new Set(componentInstances(ctx.snapshot, 'kube-apiserver').flatMap((a) => a.list('client-ca-file')));
    forEachInstance(ctx, 'etcd', (inst) => {
      const file = inst.get('trusted-ca-file');
      const evidence = [{ path: inst.path('trusted-ca-file'), actual: file ?? null, expected: 'a CA file other than the API server client CA' }];
      if (file === undefined || file === '') return ctx.fail('missing', { instance: inst.label }, evidence);
      if (apiserverCas.has(file)) ctx.fail('sameCa', { instance: inst.label, file }, evidence);
      else ctx.pass(undefined, {}, evidence);
    });
  },
});
