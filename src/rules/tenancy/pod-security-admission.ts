import { defineRule } from '../../engine/rule.js';
import { tenantOrSkip } from './common.js';

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** Tenant namespaces must enforce at least the baseline Pod Security Standard. */
export default defineRule({
  meta: {
    id: 'tenancy/pod-security-admission',
    title: 'Tenant namespaces must enforce Pod Security baseline or restricted',
    description:
      'Pod Security Admission only enforces what the namespace label asks for; without enforce=baseline a tenant can run privileged, host-namespace or hostPath pods and take over the node its neighbours share.',
    remediation: 'Label each tenant namespace pod-security.kubernetes.io/enforce=restricted (or baseline), and keep tenants from patching their Namespace.',
    severity: 'high',
    category: 'tenancy',
    references: [
      { framework: 'CIS', id: '1.12 §5.2.1' },
      { framework: 'MTB', id: 'MTB-PL1-BC-CPI-5' },
      { framework: 'MTB', id: 'MTB-PL1-BC-HI-1' },
    ],
    targets: ['Namespace'],
    scope: 'namespace',
    context: 'namespace',
    messages: {
      missing: 'Tenant {{tenant}} namespace {{namespace}} has no Pod Security enforce label',
      weak: 'Tenant {{tenant}} namespace {{namespace}} enforces Pod Security level "{{level}}"',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const ns = ctx.target.metadata.name;
    const level = ctx.target.metadata.labels?.[ENFORCE];
    const path = `metadata.labels["${ENFORCE}"]`;
    if (level === undefined) {
      ctx.fail('missing', { tenant, namespace: ns }, [{ path, actual: null, expected: 'baseline or restricted' }]);
    } else if (level !== 'baseline' && level !== 'restricted') {
      ctx.fail('weak', { tenant, namespace: ns, level }, [{ path, actual: level, expected: 'baseline or restricted' }]);
    }
  },
});
