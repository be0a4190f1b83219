/** Pod Security Standards rules, one per PSA check. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import allowPrivilegeEscalation from './allow-privilege-escalation.js';
import apparmor from './apparmor.js';
import capabilitiesBaseline from './capabilities-baseline.js';
import capabilitiesRestricted from './capabilities-restricted.js';
import hostNamespaces from './host-namespaces.js';
import hostPathVolumes from './host-path-volumes.js';
import hostPorts from './host-ports.js';
import hostProbes from './host-probes.js';
import privileged from './privileged.js';
import procMount from './proc-mount.js';
import procMountRestricted from './proc-mount-restricted.js';
import restrictedVolumes from './restricted-volumes.js';
import runAsNonRoot from './run-as-non-root.js';
import runAsUser from './run-as-user.js';
import seccompBaseline from './seccomp-baseline.js';
import seccompRestricted from './seccomp-restricted.js';
import selinux from './selinux.js';
import sysctls from './sysctls.js';
import windowsHostProcess from './windows-host-process.js';

export const PSS_RULES: readonly Rule[] = [
  allowPrivilegeEscalation,
  apparmor,
  capabilitiesBaseline,
  capabilitiesRestricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  privileged,
  procMount,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompBaseline,
  seccompRestricted,
  selinux,
  sysctls,
  windowsHostProcess,
];
