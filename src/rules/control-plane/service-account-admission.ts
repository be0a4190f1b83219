import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.12: The ServiceAccount admission plugin must not be disabled. */
export default defineRule({
  meta: {
    id: 'control-plane/service-account-admission',
    title: 'The ServiceAccount admission plugin must not be disabled',
    description:
      'The ServiceAccount plugin assigns ServiceAccounts and mounts their credentials in a controlled way; disabling it breaks the token model that RBAC relies on.',
    remediation: 'Remove ServiceAccount from --disable-admission-plugins.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.12')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'excludes', flag: 'disable-admission-plugins', item: 'ServiceAccount' }]);
  },
});
