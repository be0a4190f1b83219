import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.13: The NamespaceLifecycle admission plugin must not be disabled. */
export default defineRule({
  meta: {
    id: 'control-plane/namespace-lifecycle-admission',
    title: 'The NamespaceLifecycle admission plugin must not be disabled',
    description:
      'NamespaceLifecycle stops objects from being created in terminating or non-existent namespaces, which keeps namespace-scoped policy meaningful.',
    remediation: 'Remove NamespaceLifecycle from --disable-admission-plugins.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.13')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'excludes', flag: 'disable-admission-plugins', item: 'NamespaceLifecycle' }]);
  },
});
