import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, pssRef, pssSubject } from './common.js';

/** PSS restricted "Privilege Escalation" (PSA check `allowPrivilegeEscalation`: from v1.8; Windows pods exempt from v1.25). */
export default defineRule({
  meta: {
    id: 'pss/allow-privilege-escalation',
    title: 'Containers must set allowPrivilegeEscalation to false',
    description:
      'Unless allowPrivilegeEscalation is explicitly false, a process can gain more privileges than its parent (set-user-ID binaries, file capabilities). Pod Security Standards restricted requires every container, init and ephemeral container to set it to false; unset is not enough (CIS 5.2.6 in kube-bench treats unset as compliant, PSS does not). Part of PSS from v1.8; Windows pods are exempt from v1.25.',
    remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
    severity: 'high',
    category: 'security',
    references: [
      pssRef('restricted', 'allowPrivilegeEscalation'),
      cisRef('5.2.6'),
      { framework: 'NSA', id: 'C-0016' },
      { framework: 'MTB', id: 'MTB-PL1-BC-CPI-6' },
    ],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { escalation: 'Container "{{container}}" does not set securityContext.allowPrivilegeEscalation=false ({{actual}})' },
    examples: {
      failing: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27`,
      passing: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: {allowPrivilegeEscalation: false}`,
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 8, windowsExemptSince: 25 });
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const value = containerSecurityContext(c.container)?.allowPrivilegeEscalation;
      if (value !== false) {
        const actual = value === true ? 'true' : 'unset';
        ctx.fail('escalation', { container: c.name, actual }, [
          { path: `${c.path}.securityContext.allowPrivilegeEscalation`, actual: value ?? null, expected: 'false' },
        ]);
      }
    }
  },
});
