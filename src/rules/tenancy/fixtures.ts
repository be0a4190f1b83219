/** YAML builders shared by the tenancy rule tests (plain strings; no test framework here). */

/** The synthetic Tenant target the runner builds for each tenant. */
export function tenantYaml(name: string, namespaces: string[]): string {
  return `apiVersion: palisade.dev/v1alpha1
kind: Tenant
metadata: {name: ${name}}
spec: {namespaces: [${namespaces.join(', ')}]}
`;
}

export function namespaceYaml(name: string, tenant?: string, labels: Record<string, string> = {}): string {
  const all = tenant ? { 'palisade.dev/tenant': tenant, ...labels } : labels;
  const text = Object.entries(all)
    .map(([k, v]) => `${k}: "${v}"`)
    .join(', ');
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: {${text}}}
`;
}

export function podYaml(namespace: string, name: string, labels: Record<string, string> = { app: name }, spec = 'containers: [{name: c, image: nginx:1.27}]'): string {
  const text = Object.entries(labels)
    .map(([k, v]) => `${k}: "${v}"`)
    .join(', ');
  return `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: ${namespace}, labels: {${text}}}
spec: {${spec}}
`;
}

export function docs(...parts: string[]): string {
  return parts.join('\n---\n');
}

/** acme (a1, a2), globex (g1), initech (i1) with one pod each. */
export function threeTenants(): string {
  return docs(
    namespaceYaml('a1', 'acme'),
    namespaceYaml('a2', 'acme'),
    namespaceYaml('g1', 'globex'),
    namespaceYaml('i1', 'initech'),
    podYaml('a1', 'api'),
    podYaml('a2', 'db'),
    podYaml('g1', 'web'),
    podYaml('i1', 'app'),
  );
}
