import { defineRule } from '../../engine/rule.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { peer } from './common.js';

/** A Service backend of an Ingress: networking.k8s.io/v1 (`service.name`, `service.port`) or v1beta1 (`serviceName`, `servicePort`). */
export interface ServiceBackend {
  path: string;
  /** `host/path` the backend serves, or `the default backend`. */
  route: string;
  service: string;
  port: number | string | undefined;
}

function backendOf(raw: unknown, path: string, route: string): ServiceBackend | undefined {
  if (!isRecord(raw)) return undefined;
  const svc = raw['service'];
  if (isRecord(svc) && typeof svc['name'] === 'string') {
    const port = isRecord(svc['port']) ? (svc['port']['number'] ?? svc['port']['name']) : undefined;
    return { path: `${path}.service`, route, service: svc['name'], port: typeof port === 'number' || typeof port === 'string' ? port : undefined };
  }
  if (typeof raw['serviceName'] === 'string') {
    const port = raw['servicePort'];
    return { path, route, service: raw['serviceName'], port: typeof port === 'number' || typeof port === 'string' ? port : undefined };
  }
  return undefined; // a `resource` backend (an object of another API) is not a Service
}

/** Every Service backend of an Ingress: the default backend and each rule path. */
export function serviceBackends(ingress: K8sObject): ServiceBackend[] {
  const spec = isRecord(ingress['spec']) ? ingress['spec'] : {};
  const out: ServiceBackend[] = [];
  const def = backendOf(spec['defaultBackend'] ?? spec['backend'], spec['defaultBackend'] ? 'spec.defaultBackend' : 'spec.backend', 'the default backend');
  if (def) out.push(def);
  const rules = Array.isArray(spec['rules']) ? spec['rules'] : [];
  rules.forEach((rule, i) => {
    const http = isRecord(rule) && isRecord(rule['http']) ? rule['http'] : {};
    const host = isRecord(rule) && typeof rule['host'] === 'string' && rule['host'] !== '' ? rule['host'] : '*';
    const paths = Array.isArray(http['paths']) ? http['paths'] : [];
    paths.forEach((p, j) => {
      const route = `${host}${isRecord(p) && typeof p['path'] === 'string' ? p['path'] : '/'}`;
      const b = isRecord(p) ? backendOf(p['backend'], `spec.rules[${i}].http.paths[${j}].backend`, route) : undefined;
      if (b) out.push(b);
    });
  });
  return out;
}

function servicePorts(service: K8sObject): { port: number; name?: string }[] {
  const spec = isRecord(service['spec']) ? service['spec'] : {};
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
  return ports.filter(isRecord).map((p) => ({ port: Number(p['port']), ...(typeof p['name'] === 'string' ? { name: p['name'] } : {}) }));
}

/** An Ingress backend naming a Service or a port that does not exist answers 503 for its host and path. */
export default defineRule({
  meta: {
    id: 'references/ingress-backend',
    title: 'Ingress backends should name an existing Service and port',
    description:
      'An Ingress routes each host and path to a Service port by name or number. When the Service is missing from the namespace, or has no such port, the controller answers 503 (or falls back to its default backend) for that route.',
    remediation: 'Point each backend at a Service in the Ingress namespace and at one of its spec.ports, by number or by name.',
    severity: 'medium',
    category: 'reliability',
    references: [peer('kube-score/ingress-targets-service'), peer('popeye/POP-1401'), peer('popeye/POP-1402')],
    targets: ['Ingress'],
    scope: 'object',
    context: 'namespace',
    requires: ['Service'],
    messages: {
      missingService: 'Ingress {{name}} routes {{route}} to Service {{service}}, which does not exist in namespace {{namespace}}',
      missingPort: 'Ingress {{name}} routes {{route}} to port {{port}} of Service {{service}}, which it does not have (ports: {{ports}})',
    },
  },
  check(ctx) {
    const namespace = ctx.target.metadata.namespace ?? 'default';
    const backends = serviceBackends(ctx.target);
    if (backends.length === 0) return ctx.notApplicable('the Ingress has no Service backend');
    const name = ctx.target.metadata.name;
    for (const b of backends) {
      const service = ctx.snapshot.get('Service', b.service, namespace);
      if (!service) {
        ctx.fail('missingService', { name, route: b.route, service: b.service, namespace }, [{ path: `${b.path}.name`, actual: b.service, expected: `a Service in namespace ${namespace}` }]);
        continue;
      }
      if (b.port === undefined) continue;
      const ports = servicePorts(service);
      const found = typeof b.port === 'number' ? ports.some((p) => p.port === b.port) : ports.some((p) => p.name === b.port);
      if (!found) {
        const list = ports.map((p) => (p.name ? `${p.name}:${p.port}` : String(p.port))).join(', ') || 'none';
        ctx.fail('missingPort', { name, route: b.route, service: b.service, port: b.port, ports: list }, [{ path: `${b.path}.port`, actual: b.port, expected: `one of ${list}` }]);
      }
    }
  },
});
