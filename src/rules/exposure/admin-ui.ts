import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import { externalRoutes, recogniseUi } from './common.js';

/** Well-known admin UIs (Kubernetes Dashboard, Argo CD, Grafana, Prometheus…) reachable from outside the cluster. */
export default defineRule({
  meta: {
    id: 'exposure/admin-ui',
    title: 'Admin UIs should not be reachable from outside the cluster',
    description:
      'Dashboards and admin consoles (the Kubernetes Dashboard, Argo CD and Argo Workflows servers, Grafana, Prometheus, Alertmanager, Kibana, Jenkins, Rancher, Weave Scope, Kubeflow, Headlamp, Portainer, NiFi) act on the cluster or show what runs in it; several have no authentication by default or a single shared admin password. Exposed with a LoadBalancer or NodePort Service, externalIPs, a hostPort or an Ingress, they are found by internet scanners within hours and were the way into clusters in published attacks (Tesla\'s Kubernetes Dashboard, Argo Workflows and Weave Scope cryptojacking). A UI is recognised by its image, its binary, or the app.kubernetes.io/name, app or k8s-app label of its pods.',
    remediation:
      'Keep admin UIs on ClusterIP Services and reach them through `kubectl port-forward`, a VPN, or an Ingress behind an authenticating proxy (oauth2-proxy, the ingress controller\'s external auth) restricted to operators\' source ranges.',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9005 Exposed sensitive interfaces' },
      { framework: 'MITRE ATT&CK', id: 'T1133 External Remote Services' },
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    requires: ['Service', 'Ingress'],
    messages: { exposed: '{{ui}} ({{kind}} {{name}}) is reachable from outside the cluster through {{routes}}' },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const ui = recogniseUi(view);
    if (!ui) return ctx.notApplicable('not a known admin UI');
    const ns = ctx.target.metadata.namespace ?? 'default';
    const routes = externalRoutes(ctx.snapshot, ns, view.metadata.labels ?? {}, view);
    const evidence = [{ path: 'exposure', actual: { recognisedBy: ui.by, routes }, expected: 'ClusterIP only, reached through port-forward or an authenticating proxy' }];
    if (routes.length > 0) ctx.fail('exposed', { ui: ui.ui.name, kind: ctx.target.kind, name: ctx.target.metadata.name, routes: routes.join(', ') }, evidence);
    else ctx.pass(undefined, {}, evidence);
  },
});
