/** An APIService for `v1beta1.<group>`; `service` is flow YAML or `null` for a local APIService. */
export function apiService(group: string, service: string, extra = ''): string {
  return `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1beta1.${group}}
spec: {group: ${group}, version: v1beta1, service: ${service}, groupPriorityMinimum: 100, versionPriority: 100${extra ? `, ${extra}` : ''}}
`;
}
