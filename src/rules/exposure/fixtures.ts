/** YAML builders for the exposure rule tests: an admin UI Deployment, its Service, Ingress and RBAC. */

export interface UiOptions {
  name?: string;
  namespace?: string;
  image?: string;
  labels?: string;
  args?: string;
  env?: string;
  serviceAccount?: string;
  automount?: boolean;
}

export function ui(o: UiOptions = {}): string {
  const container = [`name: ${o.name ?? 'ui'}`, `image: ${o.image ?? 'kubernetesui/dashboard:v2.7.0'}`, o.args ? `args: ${o.args}` : '', o.env ? `env: ${o.env}` : ''].filter((x) => x !== '');
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${o.name ?? 'ui'}, namespace: ${o.namespace ?? 'ops'}}
spec:
  selector: {matchLabels: ${o.labels ?? '{app: ui}'}}
  template:
    metadata: {labels: ${o.labels ?? '{app: ui}'}}
    spec:
      serviceAccountName: ${o.serviceAccount ?? 'ui'}
      ${o.automount === undefined ? '' : `automountServiceAccountToken: ${o.automount}`}
      containers:
        - {${container.join(', ')}}
`;
}

/** A Service `ui` selecting `{app: ui}`, of this type (flow YAML extras allowed). */
export function service(type: string, extra = '', selector = '{app: ui}', namespace = 'ops'): string {
  return `---
apiVersion: v1
kind: Service
metadata: {name: ui, namespace: ${namespace}}
spec: {type: ${type}, selector: ${selector}, ports: [{port: 443}]${extra ? `, ${extra}` : ''}}
`;
}

export function ingress(serviceName = 'ui', host = 'dash.example.com', namespace = 'ops'): string {
  return `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: dash, namespace: ${namespace}}
spec:
  rules:
    - host: ${host}
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${serviceName}, port: {number: 443}}}}]}
`;
}

/** ServiceAccount ops/ui bound cluster-wide to `role` (a bootstrap ClusterRole offline, e.g. cluster-admin, view). */
export function boundTo(role: string, sa = 'ui', namespace = 'ops'): string {
  return `---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${sa}, namespace: ${namespace}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ${sa}-${role}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}
subjects: [{kind: ServiceAccount, name: ${sa}, namespace: ${namespace}}]
`;
}
