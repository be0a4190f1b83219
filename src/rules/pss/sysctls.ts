import { defineRule } from '../../engine/rule.js';
import { PSS_TARGETS, podSecurityContext, pssRef, pssSubject } from './common.js';

const SAFE_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SAFE_1_27 = [...SAFE_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SAFE_1_29 = [...SAFE_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SAFE_1_32 = [...SAFE_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SAFE_1_37 = [...SAFE_1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The sysctls PSS baseline allows at a given minor version. */
export function safeSysctls(minor: number): ReadonlySet<string> {
  if (minor >= 37) return new Set(SAFE_1_37);
  if (minor >= 32) return new Set(SAFE_1_32);
  if (minor >= 29) return new Set(SAFE_1_29);
  if (minor >= 27) return new Set(SAFE_1_27);
  return new Set(SAFE_1_0);
}

/** PSS baseline "Sysctls" (PSA check `sysctls`): only the namespaced, isolated "safe" set; the list grows by version. */
export default defineRule({
  meta: {
    id: 'pss/sysctls',
    title: 'Pods must set only safe sysctls',
    description:
      'Sysctls outside the safe set can disable kernel security mechanisms or affect every pod on the node. Pod Security Standards baseline allows only the safe set, which grew in v1.27 (ip_local_reserved_ports), v1.29 (tcp_keepalive_*, tcp_fin_timeout) and v1.32 (tcp_rmem, tcp_wmem); the namespace enforce-version decides which list applies. Names are compared exactly (slash-separated forms are not normalised).',
    remediation: 'Remove the unsafe entries from spec.securityContext.sysctls, or tune them on the node instead.',
    severity: 'high',
    category: 'security',
    references: [pssRef('baseline', 'sysctls')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { sysctl: 'The pod sets sysctl "{{name}}" (spec.securityContext.sysctls), which is not in the safe set of v1.{{minor}}' },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view, minor } = subject;
    const safe = safeSysctls(minor);
    (podSecurityContext(view)?.sysctls ?? []).forEach((sysctl, i) => {
      if (!safe.has(sysctl.name)) {
        ctx.fail('sysctl', { name: sysctl.name, minor }, [
          { path: `${view.path}.securityContext.sysctls[${i}].name`, actual: sysctl.name, expected: `one of ${[...safe].join(', ')}` },
        ]);
      }
    });
  },
});
