import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import { WORKLOAD_TARGETS, podSpecOrSkip } from './common.js';

/** CIS 5.4.1: Secrets as files, not environment variables. Reads only the references, never Secret contents. */
export default defineRule({
  meta: {
    id: 'workload/secrets-in-env',
    title: 'Secrets should be mounted as files, not passed as environment variables',
    description:
      'Environment variables leak: they are inherited by child processes, printed by crash handlers and debug endpoints, visible in /proc/<pid>/environ, and not updated when the Secret rotates. Mounted Secret volumes avoid all of these.',
    remediation: 'Mount the Secret as a volume (secret or projected) and read the value from the file instead of env[].valueFrom.secretKeyRef or envFrom[].secretRef.',
    severity: 'low',
    category: 'security',
    references: [{ framework: 'CIS', id: '1.12 §5.4.1' }],
    targets: WORKLOAD_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: {
      secretKeyRef: 'Container "{{container}}" reads Secret "{{secret}}" key "{{key}}" into environment variable {{variable}}',
      secretRef: 'Container "{{container}}" imports every key of Secret "{{secret}}" as environment variables (envFrom)',
    },
  },
  check(ctx) {
    const view = podSpecOrSkip(ctx);
    if (!view) return;
    for (const c of containersOf(view)) {
      (c.container.env ?? []).forEach((env, i) => {
        const ref = env.valueFrom?.secretKeyRef;
        if (!ref) return;
        ctx.fail('secretKeyRef', { container: c.name, secret: ref.name ?? '', key: ref.key, variable: env.name }, [
          { path: `${c.path}.env[${i}].valueFrom.secretKeyRef`, actual: { name: ref.name, key: ref.key }, expected: 'a mounted Secret volume' },
        ]);
      });
      (c.container.envFrom ?? []).forEach((source, i) => {
        const ref = source.secretRef;
        if (!ref) return;
        ctx.fail('secretRef', { container: c.name, secret: ref.name ?? '' }, [
          { path: `${c.path}.envFrom[${i}].secretRef`, actual: { name: ref.name }, expected: 'a mounted Secret volume' },
        ]);
      });
    }
  },
});
