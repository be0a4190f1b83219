import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.3.5: The controller manager must publish the cluster root CA to pods. */
export default defineRule({
  meta: {
    id: 'control-plane/root-ca-file',
    title: 'The controller manager must publish the cluster root CA to pods',
    description:
      'Pods need the root CA to verify the API server before sending their token to it.',
    remediation: 'Set --root-ca-file on kube-controller-manager.',
    severity: 'medium',
    category: 'security',
    references: [cis('1.3.5')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-controller-manager', [{ kind: 'set', flags: ['root-ca-file'] }]);
  },
});
