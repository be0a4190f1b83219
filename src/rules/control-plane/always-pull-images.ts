import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.11: The AlwaysPullImages admission plugin should be enabled on multi-tenant clusters. */
export default defineRule({
  meta: {
    id: 'control-plane/always-pull-images',
    title: 'The AlwaysPullImages admission plugin should be enabled on multi-tenant clusters',
    description:
      'Without AlwaysPullImages a pod can run a private image already cached on a node without having the pull credentials for it.',
    remediation: 'Add AlwaysPullImages to --enable-admission-plugins (or enforce imagePullPolicy: Always with a policy engine).',
    severity: 'medium',
    category: 'security',
    references: [cis('1.2.11')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'includes', flag: 'enable-admission-plugins', item: 'AlwaysPullImages' }]);
  },
});
