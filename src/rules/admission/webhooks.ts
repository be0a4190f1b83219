/**
 * Admission webhooks as the API server sees them (admissionregistration.k8s.io/v1): which
 * resources a webhook intercepts, where its requests go, whether it fails open, and which
 * namespaces its namespaceSelector lets through. Shared by the admission/webhook-* rules.
 */
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { matchesSelector, type LabelSelector } from '../../inventory/selectors.js';
import type { Snapshot } from '../../inventory/snapshot.js';
import { NAMESPACE_NAME_LABEL } from '../../analysis/network.js';
import { conditionsForNamespace, matchConditionsOf, type ConditionVerdict, type MatchCondition } from '../../policy/match-conditions.js';

export const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const;

export interface WebhookRule {
  apiGroups: string[];
  resources: string[];
  operations: string[];
  /** `*` (default), `Namespaced` or `Cluster`. */
  scope: string;
}

export interface Webhook {
  name: string;
  /** `webhooks[i]`. */
  path: string;
  url?: string;
  service?: { namespace: string; name: string };
  /** `Fail` when unset (the v1 default). */
  failurePolicy: string;
  /** `{}` (every namespace) when unset, as the API server defaults it. */
  namespaceSelector: LabelSelector;
  /** CEL conditions (all must be true) on top of rules and selectors. */
  matchConditions: MatchCondition[];
  rules: WebhookRule[];
}

export type { ConditionVerdict, MatchCondition };

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function webhooksOf(config: K8sObject): Webhook[] {
  const list = Array.isArray(config['webhooks']) ? (config['webhooks'] as unknown[]) : [];
  return list.flatMap((raw, i): Webhook[] => {
    if (!isRecord(raw)) return [];
    const cc = isRecord(raw['clientConfig']) ? raw['clientConfig'] : {};
    const svc = isRecord(cc['service']) ? cc['service'] : undefined;
    const w: Webhook = {
      name: typeof raw['name'] === 'string' ? raw['name'] : `webhooks[${i}]`,
      path: `webhooks[${i}]`,
      failurePolicy: typeof raw['failurePolicy'] === 'string' ? raw['failurePolicy'] : 'Fail',
      namespaceSelector: isRecord(raw['namespaceSelector']) ? (raw['namespaceSelector'] as LabelSelector) : {},
      matchConditions: matchConditionsOf(raw['matchConditions']),
      rules: (Array.isArray(raw['rules']) ? raw['rules'] : []).filter(isRecord).map((r) => ({
        apiGroups: strings(r['apiGroups']),
        resources: strings(r['resources']),
        operations: strings(r['operations']),
        scope: typeof r['scope'] === 'string' ? r['scope'] : '*',
      })),
    };
    if (typeof cc['url'] === 'string') w.url = cc['url'];
    if (svc && typeof svc['namespace'] === 'string' && typeof svc['name'] === 'string') w.service = { namespace: svc['namespace'], name: svc['name'] };
    return [w];
  });
}

export interface ResourceRef {
  group: string;
  /** Plural resource, optionally `/subresource`. */
  resource: string;
  label: string;
}

const RBAC = 'rbac.authorization.k8s.io';

/** Resources whose admission requests carry credentials, the pods that run them, or the permissions to reach them. */
export const SENSITIVE_RESOURCES: readonly ResourceRef[] = [
  { group: '', resource: 'secrets', label: 'secrets' },
  { group: '', resource: 'pods', label: 'pods' },
  { group: RBAC, resource: 'roles', label: 'roles' },
  { group: RBAC, resource: 'rolebindings', label: 'rolebindings' },
  { group: RBAC, resource: 'clusterroles', label: 'clusterroles' },
  { group: RBAC, resource: 'clusterrolebindings', label: 'clusterrolebindings' },
];

/** Resources a policy webhook guards for security: what runs, with which identity and permissions, and the admission configuration itself. */
export const SECURITY_RESOURCES: readonly ResourceRef[] = [
  ...SENSITIVE_RESOURCES,
  { group: '', resource: 'pods/ephemeralcontainers', label: 'pods/ephemeralcontainers' },
  { group: '', resource: 'serviceaccounts', label: 'serviceaccounts' },
  { group: '', resource: 'namespaces', label: 'namespaces' },
  { group: '', resource: 'services', label: 'services' },
  { group: '', resource: 'replicationcontrollers', label: 'replicationcontrollers' },
  { group: 'apps', resource: 'deployments', label: 'deployments' },
  { group: 'apps', resource: 'statefulsets', label: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets', label: 'daemonsets' },
  { group: 'apps', resource: 'replicasets', label: 'replicasets' },
  { group: 'batch', resource: 'jobs', label: 'jobs' },
  { group: 'batch', resource: 'cronjobs', label: 'cronjobs' },
  { group: 'networking.k8s.io', resource: 'networkpolicies', label: 'networkpolicies' },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', label: 'validatingwebhookconfigurations' },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', label: 'mutatingwebhookconfigurations' },
];

/** What creates a webhook backend's own pods: a webhook on these in its own namespace can block its recovery. */
export const POD_RESOURCES: readonly ResourceRef[] = SECURITY_RESOURCES.filter((r) => ['pods', 'replicasets', 'deployments', 'statefulsets', 'daemonsets'].includes(r.resource));

/** RuleWithOperations matching: `*` is every resource, `*\/*` every resource and subresource, `x/*` every subresource of x. */
function ruleMatches(rule: WebhookRule, ref: ResourceRef): boolean {
  if (rule.operations.length === 0) return false;
  if (!rule.apiGroups.some((g) => g === '*' || g === ref.group)) return false;
  const [res, sub] = ref.resource.split('/');
  return rule.resources.some((r) => {
    if (r === '*/*') return true;
    const [rr, rs] = r.split('/');
    if (sub === undefined) return rs === undefined && (rr === '*' || rr === res);
    return (rr === '*' || rr === res) && (rs === '*' || rs === sub);
  });
}

/** The labels of the resources in `refs` the webhook intercepts. */
export function intercepted(w: Webhook, refs: readonly ResourceRef[]): string[] {
  return refs.filter((ref) => w.rules.some((r) => ruleMatches(r, ref))).map((r) => r.label);
}

/** Whether some rule can match namespaced resources (scope `*` or `Namespaced`). */
export function interceptsNamespaced(w: Webhook): boolean {
  return w.rules.some((r) => r.operations.length > 0 && r.resources.length > 0 && r.scope !== 'Cluster');
}

/** Whether some rule can match cluster-scoped resources. */
export function interceptsClusterScoped(w: Webhook): boolean {
  return w.rules.some((r) => r.operations.length > 0 && r.resources.length > 0 && r.scope !== 'Namespaced');
}

/** A namespace's labels as a namespaceSelector sees them (with the automatic name label). */
export function namespaceLabels(snapshot: Snapshot, namespace: string): Record<string, string> {
  return { ...(snapshot.namespace(namespace)?.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}

/** The webhook's namespaceSelector lets requests in `namespace` through to it. */
export function selectsNamespace(snapshot: Snapshot, w: Webhook, namespace: string): boolean {
  return matchesSelector(w.namespaceSelector, namespaceLabels(snapshot, namespace));
}

/** `https://hooks.example.com:8443/validate` → `hooks.example.com:8443` (the host is what tells where requests go). */
export function urlHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** `webhook-name in ValidatingWebhookConfiguration/x` is too long for messages: the webhook name is unique within its configuration. */
export function webhookLabel(config: K8sObject, w: Webhook): string {
  return `${w.name} (${config.kind === 'MutatingWebhookConfiguration' ? 'mutating' : 'validating'})`;
}

/** Judges a webhook's matchConditions for the namespaced requests of `namespace` (see conditionsForNamespace). */
export function matchConditionsFor(w: Webhook, namespace: string): ConditionVerdict {
  return conditionsForNamespace(w.matchConditions, namespace);
}
