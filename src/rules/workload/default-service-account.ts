import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_TARGETS, isMirrorPod, podSpecOrSkip, serviceAccountNameOf } from './common.js';

/** Every workload on the `default` ServiceAccount shares its identity and whatever RBAC it was given. */
export default defineRule({
  meta: {
    id: 'workload/default-service-account',
    title: 'Workloads should run under their own ServiceAccount',
    description:
      'Pods that leave serviceAccountName empty run as the namespace\'s default ServiceAccount: every such workload shares one identity, so permissions granted for one are granted to all, and audit logs cannot tell them apart.',
    remediation: 'Create a dedicated ServiceAccount per workload and set spec.serviceAccountName; keep the default ServiceAccount without RoleBindings and with automountServiceAccountToken: false.',
    severity: 'low',
    category: 'security',
    references: [{ framework: 'CIS', id: '1.12 §5.1.5' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { defaultSa: 'The pod runs as the default ServiceAccount ({{how}})' },
  },
  check(ctx) {
    if (isMirrorPod(ctx.target)) {
      ctx.notApplicable('Static (mirror) pods cannot use a ServiceAccount or mount its token');
      return;
    }
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    if (serviceAccountNameOf(view) !== 'default') return;
    const explicit = view.spec.serviceAccountName || view.spec.serviceAccount;
    ctx.fail('defaultSa', { how: explicit ? 'serviceAccountName: default' : 'serviceAccountName is not set' }, [
      { path: `${view.path}.serviceAccountName`, actual: explicit ?? null, expected: 'a dedicated ServiceAccount' },
    ]);
  },
});
