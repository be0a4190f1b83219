import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from '../control-plane/common.js';

/** CIS 5.5.1: Image provenance should be enforced by ImagePolicyWebhook. */
export default defineRule({
  meta: {
    id: 'admission/image-policy-webhook',
    title: 'Image provenance should be enforced by ImagePolicyWebhook',
    description:
      'Without an image policy, any image from any registry can run.',
    remediation: 'Enable ImagePolicyWebhook in --enable-admission-plugins with an --admission-control-config-file, or enforce image provenance with a policy engine.',
    severity: 'low',
    category: 'security',
    references: [cis('5.5.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing, wrongValue: FLAG_MESSAGES.wrongValue },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'includes', flag: 'enable-admission-plugins', item: 'ImagePolicyWebhook' }]);
  },
});
