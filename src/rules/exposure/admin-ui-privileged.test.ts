import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './admin-ui-privileged.js';
import { boundTo, ingress, service, ui } from './fixtures.js';

const SECRET_READER = `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: read-secrets, namespace: ops}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: ui-secrets, namespace: ops}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-secrets}
subjects: [{kind: ServiceAccount, name: ui, namespace: ops}]
`;

testRule(rule, {
  valid: [
    { name: 'cluster-admin, but only on a ClusterIP Service', objects: ui() + service('ClusterIP') + boundTo('cluster-admin') },
    { name: 'exposed, read-only (view has no Secrets), login required', objects: ui() + service('LoadBalancer') + boundTo('view') },
    { name: 'exposed with cluster-admin bound, but no token mounted', objects: ui({ automount: false }) + service('LoadBalancer') + boundTo('cluster-admin') },
    { name: 'Prometheus with a web config (authentication on)', objects: ui({ image: 'prom/prometheus:v3.1.0', args: '[--web.config.file=/etc/prometheus/web.yml]' }) + service('NodePort') + boundTo('view') },
    { name: 'not an admin UI', objects: ui({ image: 'nginx:1.27' }) + service('LoadBalancer') + boundTo('cluster-admin'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'the Tesla case: the dashboard on a LoadBalancer as cluster-admin, with skip-login',
      objects: ui({ args: '[--enable-skip-login, --auto-generate-certificates]' }) + service('LoadBalancer') + boundTo('cluster-admin'),
      messages: ['privileged', 'noAuth'],
      paths: ['exposure', 'spec.template.spec.serviceAccountName', 'spec.template.spec.containers[0]'],
      messageIncludes: 'its ServiceAccount ops/ui can cluster-admin (every verb on every resource)',
    },
    { name: 'an Ingress to a dashboard that reads Secrets in its namespace', objects: ui() + service('ClusterIP') + ingress() + boundTo('view') + SECRET_READER, messages: ['privileged'], messageIncludes: 'can list Secrets in ops' },
    { name: 'Grafana with anonymous Admin on a NodePort', objects: ui({ image: 'grafana/grafana:11.2.0', env: '[{name: GF_AUTH_ANONYMOUS_ENABLED, value: "true"}, {name: GF_AUTH_ANONYMOUS_ORG_ROLE, value: Admin}]' }) + service('NodePort') + boundTo('view'), messages: ['noAuth'], messageIncludes: 'authentication off: GF_AUTH_ANONYMOUS_ENABLED=true (role Admin)' },
    { name: 'Argo Workflows in server auth mode', objects: ui({ image: 'quay.io/argoproj/argocli:v3.6.2', args: '[server, --auth-mode, server]' }) + service('LoadBalancer') + boundTo('view'), messages: ['noAuth'], messageIncludes: '--auth-mode=server' },
  ],
});
