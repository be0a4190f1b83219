import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import type { Evidence } from '../../model/result.js';
import { dangerousPrivileges, externalRoutes, noAuthSettings, recogniseUi } from './common.js';

/** Externally reachable admin UIs that run as cluster-admin or a Secret reader, or with authentication switched off. */
export default defineRule({
  meta: {
    id: 'exposure/admin-ui-privileged',
    title: 'Externally reachable admin UIs must not hold cluster-admin or Secret read, nor skip login',
    description:
      'An admin UI acts with its ServiceAccount\'s permissions whenever a visitor is not asked to log in: the Kubernetes Dashboard with `--enable-skip-login`, Argo CD with `--disable-auth`, Argo Workflows with `--auth-mode=server`, Grafana with anonymous access, Prometheus and Alertmanager without a web config, Weave Scope always. Reachable from outside the cluster, such a UI with cluster-admin, or with read access to Secrets (ServiceAccount tokens included), hands the cluster to whoever finds it. The ServiceAccount\'s permissions are computed with the RBAC model (aggregation, groups, wildcards); a pod without a ServiceAccount token holds none.',
    remediation:
      'Bind the UI\'s ServiceAccount to a read-only role without Secrets (or none, letting users log in with their own token), remove the skip-login / anonymous / disable-auth settings, and take the UI off the LoadBalancer, NodePort or public Ingress (see exposure/admin-ui).',
    severity: 'critical',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9005 Exposed sensitive interfaces' },
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9032 Access Kubernetes dashboard' },
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9025 List K8S secrets' },
      { framework: 'MITRE ATT&CK', id: 'T1133 External Remote Services' },
      { framework: 'MITRE ATT&CK', id: 'T1610 Deploy Container' },
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    requires: ['Service', 'Ingress', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    messages: {
      privileged: '{{ui}} ({{kind}} {{name}}) is reachable from outside the cluster and its ServiceAccount {{serviceAccount}} can {{privileges}}',
      noAuth: '{{ui}} ({{kind}} {{name}}) is reachable from outside the cluster with authentication off: {{settings}}',
    },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const ui = recogniseUi(view);
    if (!ui) return ctx.notApplicable('not a known admin UI');
    const ns = ctx.target.metadata.namespace ?? 'default';
    const routes = externalRoutes(ctx.snapshot, ns, view.metadata.labels ?? {}, view);
    const rights = dangerousPrivileges(ctx.snapshot, ns, view);
    const noAuth = noAuthSettings(ui);
    const data = { ui: ui.ui.name, kind: ctx.target.kind, name: ctx.target.metadata.name };
    const exposure: Evidence = { path: 'exposure', actual: routes, expected: 'not reachable from outside the cluster' };
    if (routes.length === 0) {
      return ctx.pass(undefined, {}, [exposure, { path: 'serviceAccount', actual: { name: rights.serviceAccount, privileges: rights.privileges.map((p) => p.text) }, expected: 'no cluster-admin or Secret read' }]);
    }
    if (rights.privileges.length > 0) {
      ctx.fail('privileged', { ...data, serviceAccount: rights.serviceAccount, privileges: rights.privileges.map((p) => p.text).join('; ') }, [
        exposure,
        { path: `${view.path}.serviceAccountName`, actual: { serviceAccount: rights.serviceAccount, privileges: rights.privileges.map((p) => ({ can: p.text, via: p.via.slice(0, 5) })) }, expected: 'no cluster-admin, no Secret read' },
      ]);
    }
    if (noAuth.length > 0) {
      ctx.fail('noAuth', { ...data, settings: noAuth.flatMap((n) => n.settings).join(', ') }, [exposure, ...noAuth.map((n) => ({ path: n.path, actual: n.settings, expected: 'authentication required' }))]);
    }
    if (rights.privileges.length === 0 && noAuth.length === 0) {
      ctx.pass(undefined, {}, [exposure, { path: 'serviceAccount', actual: { name: rights.serviceAccount, token: rights.token, privileges: [] }, expected: 'no cluster-admin or Secret read' }]);
    }
  },
});
