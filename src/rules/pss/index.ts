/** Pod Security Standards rules, one per PSA check. Keep sorted by ID. */
import type { Rule } from '../../engine/rule.js';
import apparmor from './apparmor.js';
import capabilitiesBaseline from './capabilities-baseline.js';
import hostNamespaces from './host-namespaces.js';
import hostPathVolumes from './host-path-volumes.js';
import hostPorts from './host-ports.js';
import hostProbes from './host-probes.js';
import privileged from './privileged.js';
import procMount from './proc-mount.js';
import seccompBaseline from './seccomp-baseline.js';
import selinux from './selinux.js';
import sysctls from './sysctls.js';
import windowsHostProcess from './windows-host-process.js';

export const PSS_RULES: readonly Rule[] = [
  apparmor,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbes,
  privileged,
  procMount,
  seccompBaseline,
  selinux,
  sysctls,
  windowsHostProcess,
];
