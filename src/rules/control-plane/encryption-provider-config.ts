import { defineRule } from '../../engine/rule.js';
import { FLAG_MESSAGES, checkFlags, cis } from './common.js';

/** CIS 1.2.27: Secrets must be encrypted at rest in etcd. */
export default defineRule({
  meta: {
    id: 'control-plane/encryption-provider-config',
    title: 'Secrets must be encrypted at rest in etcd',
    description:
      'Without an encryption provider, Secrets are stored in etcd in plain text and exposed by any etcd backup. (Whether the configured providers are strong, CIS 1.2.28, is not visible through the API.)',
    remediation: 'Set --encryption-provider-config to an EncryptionConfiguration using kms v2, aescbc or secretbox for secrets.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.27')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { missing: FLAG_MESSAGES.missing },
  },
  check(ctx) {
    checkFlags(ctx, 'kube-apiserver', [{ kind: 'set', flags: ['encryption-provider-config'] }]);
  },
});
