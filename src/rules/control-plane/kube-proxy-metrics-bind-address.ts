import { parse as parseYaml } from 'yaml';
import { defineRule } from '../../engine/rule.js';
import { parseFlags } from '../../analysis/flags.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { cis } from './common.js';

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** `host:port` → host; `[::1]:10249` → `[::1]`. */
function hostOf(addr: string): string {
  const i = addr.lastIndexOf(':');
  return i > 0 && !addr.endsWith(']') ? addr.slice(0, i) : addr;
}

function proxyFlags(ds: K8sObject): { value: string; path: string } | undefined {
  const spec = isRecord(ds['spec']) && isRecord(ds['spec']['template']) ? ds['spec']['template']['spec'] : undefined;
  const containers = isRecord(spec) && Array.isArray(spec['containers']) ? (spec['containers'] as unknown[]).filter(isRecord) : [];
  for (const [i, c] of containers.entries()) {
    const command = Array.isArray(c['command']) ? (c['command'] as string[]) : [];
    const args = Array.isArray(c['args']) ? (c['args'] as string[]) : [];
    const flag = parseFlags([...command, ...args]).filter((f) => f.name === 'metrics-bind-address').pop();
    if (flag) {
      const where = flag.index < command.length ? `command[${flag.index}]` : `args[${flag.index - command.length}]`;
      return { value: flag.value, path: `DaemonSet/kube-system/${ds.metadata.name} spec.template.spec.containers[${i}].${where}` };
    }
  }
  return undefined;
}

function configValue(cm: K8sObject): { value: string; path: string } | undefined {
  const data = cm['data'];
  const text = isRecord(data) ? data['config.conf'] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const doc: unknown = parseYaml(text);
    const v = isRecord(doc) ? doc['metricsBindAddress'] : undefined;
    return typeof v === 'string' && v !== '' ? { value: v, path: `ConfigMap/kube-system/${cm.metadata.name} data.config.conf.metricsBindAddress` } : undefined;
  } catch {
    return undefined;
  }
}

/** CIS 4.3.1: kube-proxy's metrics endpoint (default 127.0.0.1:10249) must stay on localhost. */
export default defineRule({
  meta: {
    id: 'control-plane/kube-proxy-metrics-bind-address',
    title: 'kube-proxy metrics must be bound to localhost',
    description: "kube-proxy's metrics endpoint is unauthenticated; bound to all interfaces it exposes node and service details to the network.",
    remediation: 'Set metricsBindAddress to 127.0.0.1:10249 in the kube-proxy configuration (ConfigMap kube-system/kube-proxy) and drop --metrics-bind-address=0.0.0.0.',
    severity: 'low',
    category: 'security',
    references: [cis('4.3.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { exposed: 'kube-proxy metrics are bound to {{actual}}' },
  },
  check(ctx) {
    const ds = ctx.snapshot.get('DaemonSet', 'kube-proxy', 'kube-system');
    const cm = ctx.snapshot.get('ConfigMap', 'kube-proxy', 'kube-system');
    if (!ds && !cm) return ctx.notApplicable('kube-proxy is not deployed as kube-system/kube-proxy (managed node image or a kube-proxy replacement)');
    const found = (ds && proxyFlags(ds)) ?? (cm && configValue(cm));
    if (!found) {
      return ctx.pass(undefined, {}, [{ path: 'ConfigMap/kube-system/kube-proxy data.config.conf.metricsBindAddress', actual: null, expected: 'unset (127.0.0.1:10249) or localhost' }]);
    }
    const evidence = [{ path: found.path, actual: found.value, expected: '127.0.0.1:<port>' }];
    if (LOCAL.has(hostOf(found.value))) ctx.pass(undefined, {}, evidence);
    else ctx.fail('exposed', { actual: found.value }, evidence);
  },
});
