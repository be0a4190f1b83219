import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../engine/workloads.js';
import { isRecord } from '../../model/k8s.js';
import { globMatch } from '../../engine/glob.js';
import { hardTenantOrSkip } from './common.js';

/** Hard tenants' pods must run in a sandboxed RuntimeClass (gVisor, Kata, ...): `tenancy.sandboxHandlers` lists the handlers. */
export default defineRule({
  meta: {
    id: 'tenancy/runtime-class',
    title: 'Workloads of hard-isolated tenants must use a sandboxed RuntimeClass',
    description:
      'Containers share the node kernel; for a tenant with the hard isolation profile (isolation: hard or untrusted: true), a kernel exploit is a cross-tenant breach. A sandboxed runtime (gVisor, Kata Containers) puts a second boundary in the way. Soft tenants are not-applicable.',
    remediation:
      'Set spec.runtimeClassName to a RuntimeClass whose handler is a sandbox (runsc, kata, ...; the list is tenancy.sandboxHandlers) for the tenant’s pods, or enforce it with admission policy (a RuntimeClass admission default, a VAP).',
    severity: 'high',
    category: 'tenancy',
    references: [
      { framework: 'MTB', id: 'pending (untrusted tenants: sandboxed runtime)' },
      { framework: 'MITRE ATT&CK', id: 'T1611 Escape to Host' },
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    messages: {
      missing: 'Pod of hard-isolated tenant {{tenant}} sets no runtimeClassName',
      unknownClass: 'RuntimeClass {{runtimeClass}} does not exist',
      notSandboxed: 'RuntimeClass {{runtimeClass}} uses handler {{handler}}, which is not a sandbox (tenancy.sandboxHandlers: {{handlers}})',
    },
  },
  check(ctx) {
    const tenant = hardTenantOrSkip(ctx);
    if (!tenant) return;
    const view = podSpecOf(ctx.target);
    if (!view) return;
    const path = `${view.path}.runtimeClassName`;
    const name = view.spec.runtimeClassName;
    if (!name) {
      ctx.fail('missing', { tenant }, [{ path, actual: null, expected: 'a sandboxed RuntimeClass' }]);
      return;
    }
    if (ctx.snapshot.gapFor('RuntimeClass')) {
      ctx.unknown(`RuntimeClass ${name} could not be read`);
      return;
    }
    const rc = ctx.snapshot.get('RuntimeClass', name);
    if (!rc) {
      ctx.fail('unknownClass', { runtimeClass: name }, [{ path, actual: name, expected: 'an existing sandboxed RuntimeClass' }]);
      return;
    }
    const handler = typeof rc['handler'] === 'string' ? rc['handler'] : isRecord(rc['spec']) ? String(rc['spec']['handler'] ?? '') : '';
    const handlers = ctx.config.tenancy.sandboxHandlers;
    if (!handlers.some((g) => globMatch(g, handler))) {
      ctx.fail('notSandboxed', { runtimeClass: name, handler: handler || '(none)', handlers: handlers.join(', ') }, [
        { path, actual: `${name} (handler ${handler || '(none)'})`, expected: `a RuntimeClass whose handler matches ${handlers.join(', ')}` },
      ]);
    }
  },
});
