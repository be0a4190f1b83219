import { defineRule } from '../../engine/rule.js';
import { peer, type Evidence } from '../../model/result.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, bindingAndRole, grantingRules, hitEvidence, resourceText, scopeText, subjectsText, type Hit, type Permission } from './common.js';
import { objectRef, refString } from '../../model/k8s.js';

const PROXY_VERBS = ['get', 'create', 'update', 'patch', 'delete'] as const;

/**
 * Interactive access to running workloads. `get` counts for exec, attach and port-forward: the
 * WebSocket upgrade is authorised as get (kubernetes/kubernetes#78741) until KEP-4006 is on everywhere.
 */
export const INTERACTIVE_PERMISSIONS: readonly Permission[] = [
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'exec' },
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'attach' },
  { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'portforward' },
  { verbs: PROXY_VERBS, group: '', resource: 'pods', subresource: 'proxy' },
  { verbs: PROXY_VERBS, group: '', resource: 'services', subresource: 'proxy' },
];

const EXPECTED = 'no exec, attach, portforward or proxy on pods or services';

/** One result per binding; evidence names binding → role → rule for each rule that grants a permission. */
export default defineRule({
  meta: {
    id: 'rbac/interactive-access',
    title: 'Interactive access to pods (exec, attach, port-forward, proxy) should be limited',
    description:
      'pods/exec and pods/attach run commands in, or read and write the terminal of, a running container; pods/portforward and the pods/proxy and services/proxy subresources reach its ports from outside any NetworkPolicy. Whoever holds them acts with the workload\'s identity, files and ServiceAccount token. Get is enough: the WebSocket form of exec, attach and port-forward is authorised as get.',
    remediation:
      'Remove pods/exec, pods/attach, pods/portforward, pods/proxy and services/proxy from roles that people and automation hold day to day; grant them for break-glass through a separate, audited role bound for a limited time.',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'NSA', id: 'C-0002' },
      { framework: 'MITRE ATT&CK', id: 'T1609 Container Administration Command' },
      peer('polaris/clusterrolePodExecAttach'),
      peer('polaris/rolePodExecAttach'),
      peer('polaris/clusterrolebindingPodExecAttach'),
      peer('polaris/rolebindingClusterRolePodExecAttach'),
      peer('polaris/rolebindingRolePodExecAttach'),
    ],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { interactive: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    const br = bindingAndRole(ctx);
    if (!br) return;
    // Each permission on its own, so a rule granting pods/* is reported for every subresource it opens.
    const hits: Hit[] = INTERACTIVE_PERMISSIONS.flatMap((p) => grantingRules(ctx, br.binding, br.role, [p]));
    if (hits.length === 0) return;
    const what = INTERACTIVE_PERMISSIONS.flatMap((p) => {
      const verbs = new Set(hits.filter((h) => h.permission === p).flatMap((h) => h.verbs));
      return verbs.size === 0 ? [] : [`${p.verbs.filter((v) => verbs.has(v)).join('/')} ${resourceText(p)}`];
    }).join(', ');
    const evidence = new Map<number, Evidence>();
    for (const h of hits) if (!evidence.has(h.ruleIndex)) evidence.set(h.ruleIndex, hitEvidence(br.binding, br.role, h, EXPECTED));
    ctx.fail(
      'interactive',
      { subjects: subjectsText(br.binding), what, scope: scopeText(br.binding), role: refString(objectRef(br.role)) },
      [...evidence.values()],
    );
  },
});
