import type { V1LifecycleHandler, V1Probe } from '@kubernetes/client-node';
import { defineRule } from '../../engine/rule.js';
import { containersOf } from '../../engine/workloads.js';
import type { Evidence } from '../../model/result.js';
import { PSS_TARGETS, pssRef, pssSubject } from './common.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;

/** Evidence for each httpGet/tcpSocket handler that names a non-empty host. */
function hostEvidence(handler: V1Probe | V1LifecycleHandler | null | undefined, path: string): Evidence[] {
  if (!handler) return [];
  const out: Evidence[] = [];
  for (const kind of ['httpGet', 'tcpSocket'] as const) {
    const host = handler[kind]?.host;
    if (typeof host === 'string' && host !== '') out.push({ path: `${path}.${kind}.host`, actual: host, expected: 'unset or ""' });
  }
  return out;
}

/** PSS baseline "Host Probes / Lifecycle Hooks" (PSA check `hostProbesAndHostLifecycle`, v1.34+). */
export default defineRule({
  meta: {
    id: 'pss/host-probes',
    title: 'Probes and lifecycle hooks must not target another host',
    description:
      'A probe or lifecycle hook with a host field makes the kubelet send requests to any address, including node-local services, on behalf of the pod (a server-side request forgery channel). Pod Security Standards baseline forbids the host field from v1.34; earlier versions do not check it.',
    remediation: 'Remove host from httpGet/tcpSocket probes and lifecycle handlers so they target the pod itself.',
    severity: 'medium',
    category: 'security',
    references: [pssRef('baseline', 'hostProbesAndHostLifecycle')],
    targets: PSS_TARGETS,
    scope: 'object',
    context: 'namespace',
    messages: { host: 'Container "{{container}}" sets a host ({{hosts}}) in {{fields}}' },
  },
  check(ctx) {
    const subject = pssSubject(ctx, { since: 34 });
    if (!subject) return;
    for (const c of containersOf(subject.view)) {
      const evidence: Evidence[] = [];
      for (const probe of PROBES) evidence.push(...hostEvidence(c.container[probe], `${c.path}.${probe}`));
      for (const hook of HOOKS) evidence.push(...hostEvidence(c.container.lifecycle?.[hook], `${c.path}.lifecycle.${hook}`));
      if (evidence.length > 0) {
        ctx.fail(
          'host',
          {
            container: c.name,
            hosts: [...new Set(evidence.map((e) => JSON.stringify(e.actual)))].join(', '),
            fields: evidence.map((e) => e.path.slice(c.path.length + 1)).join(', '),
          },
          evidence,
        );
      }
    }
  },
});
