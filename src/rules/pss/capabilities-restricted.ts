import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { PSS_TARGETS, cisRef, containerSecurityContext, pssRef, pssSubject, quoteList } from './common.js';

/** PSS restricted "Capabilities" (PSA check `capabilities_restricted`, v1.22+; Windows pods exempt from v1.25). */
export default defineRule({
  meta: {
    id: 'pss/capabilities-restricted',
    title: 'Containers must drop ALL capabilities and add at most NET_BIND_SERVICE',
    description:
      'The runtime default capability set still includes NET_RAW, CHOWN, SETUID and others an application rarely needs. Pod Security Standards restricted requires every container to drop "ALL" and to add nothing but NET_BIND_SERVICE. Names are compared exactly: "all" or "CAP_NET_BIND_SERVICE" do not count. Windows pods are exempt from v1.25.',
    remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only NET_BIND_SERVICE when the process binds a port below 1024.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('restricted', 'capabilities'), cisRef('5.2.8'), cisRef('5.2.9')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      dropAll: 'Container "{{container}}" does not set securityContext.capabilities.drop=["ALL"]',
      added: 'Container "{{container}}" adds {{capabilities}} in securityContext.capabilities.add (only NET_BIND_SERVICE is allowed)',
    },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 22, windowsExemptSince: 25 });
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const caps = containerSecurityContext(c.container)?.capabilities ?? undefined;
      const drop = caps?.drop ?? [];
      if (!drop.includes('ALL')) {
        ctx.fail('dropAll', { container: c.name }, [{ path: `${c.path}.securityContext.capabilities.drop`, actual: caps?.drop ?? null, expected: 'contains "ALL"' }]);
      }
      const added = caps?.add ?? [];
      const bad = added.filter((cap) => cap !== 'NET_BIND_SERVICE');
      if (bad.length > 0) {
        ctx.fail('added', { container: c.name, capabilities: quoteList(bad) }, [
          { path: `${c.path}.securityContext.capabilities.add`, actual: added, expected: 'empty or only NET_BIND_SERVICE' },
        ]);
      }
    }
  },
});
