import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, containerSecurityContext, pssRef, pssSubject, quoteList } from './common.js';

/**
 * The capabilities baseline allows in `capabilities.add`: the container runtime's default set.
 * Names are compared exactly as PSA does: `CAP_CHOWN` or `chown` are not in the set.
 */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** PSS baseline "Capabilities" (PSA check `capabilities_baseline`). */
export default defineRule({
  meta: {
    id: 'pss/capabilities-baseline',
    title: 'Containers must not add capabilities beyond the default set',
    description:
      'Capabilities such as NET_RAW, SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container powers over the node kernel and its neighbours. Pod Security Standards baseline allows adding only the runtime default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
    remediation: 'Remove the extra entries from securityContext.capabilities.add; grant only what the process needs from the default set.',
    severity: 'high',
    category: 'security',
    references: [
      pssRef('baseline', 'capabilities'),
      { framework: 'CIS', id: '1.11 §5.2.9' },
      { framework: 'NSA', id: 'C-0046' },
      { framework: 'MTB', id: 'MTB-PL1-BC-CPI-3' },
    ],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { added: 'Container "{{container}}" adds {{capabilities}} in securityContext.capabilities.add' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const added = containerSecurityContext(c.container)?.capabilities?.add ?? [];
      const bad = added.filter((cap) => !BASELINE_CAPABILITIES.has(String(cap)));
      if (bad.length > 0) {
        ctx.fail('added', { container: c.name, capabilities: quoteList(bad) }, [
          { path: `${c.path}.securityContext.capabilities.add`, actual: added, expected: 'only capabilities from the baseline default set' },
        ]);
      }
    }
  },
});
