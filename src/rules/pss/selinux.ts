import type { V1SELinuxOptions } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import type { Evidence } from '../../model/result.js';
import { PSS_TARGETS, containerSecurityContext, isSet, podSecurityContext, pssRef, pssSubject } from './common.js';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
/** v1.31 added container_engine_t. */
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

/** What is wrong with one seLinuxOptions, as evidence under `path`. */
function seLinuxProblems(opts: V1SELinuxOptions, path: string, allowedTypes: readonly string[]): Evidence[] {
  const out: Evidence[] = [];
  const type = opts.type ?? '';
  if (!allowedTypes.includes(type)) out.push({ path: `${path}.type`, actual: type, expected: `one of ${allowedTypes.filter((t) => t).join(', ')} or unset` });
  if ((opts.user ?? '') !== '') out.push({ path: `${path}.user`, actual: opts.user, expected: 'unset or ""' });
  if ((opts.role ?? '') !== '') out.push({ path: `${path}.role`, actual: opts.role, expected: 'unset or ""' });
  return out;
}

const describe = (evidence: Evidence[]): string => evidence.map((e) => `${e.path.split('.').pop() ?? ''}=${JSON.stringify(e.actual)}`).join(', ');

/** PSS baseline "SELinux" (PSA check `seLinuxOptions`). */
export default defineRule({
  meta: {
    id: 'pss/selinux',
    title: 'SELinux options must not set a custom type, user or role',
    description:
      'A custom SELinux type, user or role can lift the confinement the runtime gives containers. Pod Security Standards baseline allows only the container types (container_t, container_init_t, container_kvm_t, and from v1.31 container_engine_t) and forbids setting user or role.',
    remediation: 'Remove seLinuxOptions.user and .role; leave .type unset or use an allowed container type. The level field may be set.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('baseline', 'seLinuxOptions')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets forbidden securityContext.seLinuxOptions ({{details}})',
      container: 'Container "{{container}}" sets forbidden securityContext.seLinuxOptions ({{details}})',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view, minor } = subject;
    const allowed = minor >= 31 ? TYPES_1_31 : TYPES_1_0;
    const podOpts = podSecurityContext(view)?.seLinuxOptions;
    if (isSet(podOpts)) {
      const ev = seLinuxProblems(podOpts, `${view.path}.securityContext.seLinuxOptions`, allowed);
      if (ev.length > 0) ctx.fail('pod', { details: describe(ev) }, ev);
    }
    for (const c of containersOf(view)) {
      const opts = containerSecurityContext(c.container)?.seLinuxOptions;
      if (!isSet(opts)) continue;
      const ev = seLinuxProblems(opts, `${c.path}.securityContext.seLinuxOptions`, allowed);
      if (ev.length > 0) ctx.fail('container', { container: c.name, details: describe(ev) }, ev);
    }
  },
});
