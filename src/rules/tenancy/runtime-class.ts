import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, podSpecOf } from '../../engine/workloads.js';
import { isRecord } from '../../model/k8s.js';
import { tenantModelFor } from '../../analysis/tenants.js';
import { tenantOrSkip } from './common.js';

/** Handlers that share the host kernel: not a sandbox. */
const SHARED_KERNEL = new Set(['runc', 'crun', 'runhcs-wcow-process']);

/** Untrusted tenants' pods must run in a sandboxed RuntimeClass (gVisor, Kata, ...). */
export default defineRule({
  meta: {
    id: 'tenancy/runtime-class',
    title: 'Workloads of untrusted tenants must use a sandboxed RuntimeClass',
    description:
      'Containers share the node kernel; for tenants configured as untrusted, a kernel exploit is a cross-tenant breach. A sandboxed runtime (gVisor, Kata Containers) puts a second boundary in the way.',
    remediation: 'Set spec.runtimeClassName to a RuntimeClass with a sandboxing handler (e.g. runsc, kata) for the tenant’s pods, or enforce it with admission policy.',
    severity: 'high',
    category: 'tenancy',
    references: [{ framework: 'MTB', id: 'pending (untrusted tenants: sandboxed runtime)' }],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    messages: {
      missing: 'Pod of untrusted tenant {{tenant}} sets no runtimeClassName',
      unknownClass: 'RuntimeClass {{runtimeClass}} does not exist',
      notSandboxed: 'RuntimeClass {{runtimeClass}} uses handler {{handler}}, which shares the host kernel',
    },
  },
  check(ctx) {
    const tenant = tenantOrSkip(ctx);
    if (!tenant) return;
    const def = tenantModelFor(ctx.snapshot, ctx.config).groups().find((t) => t.name === tenant)?.definition;
    if (!def?.untrusted) {
      ctx.notApplicable(`tenant ${tenant} is not configured untrusted`);
      return;
    }
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
    if (SHARED_KERNEL.has(handler)) {
      ctx.fail('notSandboxed', { runtimeClass: name, handler }, [{ path, actual: `${name} (handler ${handler})`, expected: 'a sandboxing handler such as runsc or kata' }]);
    }
  },
});
