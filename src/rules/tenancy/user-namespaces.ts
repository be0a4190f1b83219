import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../engine/workloads.js';
import { hardTenantOrSkip } from './common.js';

/** Host namespaces a pod cannot combine with its own user namespace (the API server rejects hostUsers: false with them). */
const HOST_NAMESPACES = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

/** Hard tenants' pods run in their own user namespace: root in the container is an unprivileged user on the node. */
export default defineRule({
  meta: {
    id: 'tenancy/user-namespaces',
    title: 'Workloads of hard-isolated tenants must run in a user namespace (hostUsers: false)',
    description:
      'Without a user namespace, UID 0 in a container is UID 0 on the node: a container breakout (a kernel or runtime bug, a mounted host path) lands as root next to other tenants’ pods. With hostUsers: false (Kubernetes user namespaces, beta and on by default since 1.33) the pod’s UIDs map to an unprivileged range on the node. Soft tenants are not-applicable.',
    remediation:
      'Set spec.hostUsers: false on the tenant’s pod templates (the node needs Linux 6.3+ with idmap mounts and a runtime that supports it, e.g. containerd 2.0 or CRI-O 1.25); it cannot be combined with hostNetwork, hostPID or hostIPC. Enforce it with admission policy (a VAP).',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MITRE ATT&CK', id: 'T1611 Escape to Host' }],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    messages: {
      hostUsers: 'Pod of hard-isolated tenant {{tenant}} shares the node’s user namespace (hostUsers {{actual}})',
      hostNamespace: 'Pod of hard-isolated tenant {{tenant}} uses {{field}}, which rules out a user namespace',
    },
  },
  check(ctx) {
    const tenant = hardTenantOrSkip(ctx);
    if (!tenant) return;
    const view = podSpecOf(ctx.target);
    if (!view) {
      ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
      return;
    }
    const spec = view.spec;
    for (const field of HOST_NAMESPACES) {
      if (spec[field] === true) ctx.fail('hostNamespace', { tenant, field }, [{ path: `${view.path}.${field}`, actual: true, expected: 'false (a user namespace needs the pod’s own namespaces)' }]);
    }
    if (spec.hostUsers !== false) {
      const actual = spec.hostUsers === undefined ? 'unset, default true' : String(spec.hostUsers);
      ctx.fail('hostUsers', { tenant, actual }, [{ path: `${view.path}.hostUsers`, actual: spec.hostUsers ?? null, expected: 'false' }]);
    }
  },
});
