import { isRecord, type K8sObject } from '../../model/k8s.js';

/** The Service an aggregated APIService proxies to; undefined for local (built-in) APIServices. */
export function backendOf(apiService: K8sObject): { namespace: string; name: string } | undefined {
  const spec = isRecord(apiService['spec']) ? apiService['spec'] : {};
  const svc = isRecord(spec['service']) ? spec['service'] : undefined;
  if (!svc || typeof svc['namespace'] !== 'string' || typeof svc['name'] !== 'string') return undefined;
  return { namespace: svc['namespace'], name: svc['name'] };
}

/** `v1beta1.metrics.k8s.io` → `metrics.k8s.io/v1beta1`. */
export function groupVersion(apiService: K8sObject): string {
  const spec = isRecord(apiService['spec']) ? apiService['spec'] : {};
  const group = typeof spec['group'] === 'string' ? spec['group'] : '';
  const version = typeof spec['version'] === 'string' ? spec['version'] : '';
  return group && version ? `${group}/${version}` : apiService.metadata.name;
}
