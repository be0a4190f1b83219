import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, podSecurityContext, pssRef, pssSubject } from './common.js';

/** PSS baseline "HostProcess" (PSA check `windowsHostProcess`): a HostProcess container is a process on the Windows node. */
export default defineRule({
  meta: {
    id: 'pss/windows-host-process',
    title: 'Windows pods must not run HostProcess containers',
    description:
      'A Windows HostProcess container runs directly on the node with the privileges of the host; it is the Windows equivalent of a privileged container. Pod Security Standards baseline forbids it.',
    remediation: 'Remove securityContext.windowsOptions.hostProcess (pod and containers) or set it to false.',
    severity: 'high',
    category: 'security',
    references: [pssRef('baseline', 'windowsHostProcess'), cisRef('5.2.10')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      pod: 'The pod sets securityContext.windowsOptions.hostProcess=true',
      container: 'Container "{{container}}" sets securityContext.windowsOptions.hostProcess=true',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx);
    if (!subject) return;
    const { view } = subject;
    if (podSecurityContext(view)?.windowsOptions?.hostProcess === true) {
      ctx.fail('pod', {}, [{ path: `${view.path}.securityContext.windowsOptions.hostProcess`, actual: true, expected: 'unset or false' }]);
    }
    for (const c of containersOf(view)) {
      if (containerSecurityContext(c.container)?.windowsOptions?.hostProcess === true) {
        ctx.fail('container', { container: c.name }, [
          { path: `${c.path}.securityContext.windowsOptions.hostProcess`, actual: true, expected: 'unset or false' },
        ]);
      }
    }
  },
});
