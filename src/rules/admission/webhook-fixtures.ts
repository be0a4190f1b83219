/** YAML builders for the admission webhook and APIService rule tests. */

export interface HookOptions {
  kind?: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration';
  /** `url: https://...` or `service: {namespace: x, name: y}` (flow YAML of clientConfig's fields). */
  client?: string;
  /** Flow YAML list of rules. */
  rules?: string;
  failurePolicy?: string;
  namespaceSelector?: string;
  extra?: string;
}

export const ALL_PODS = '[{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [pods]}]';

/** One webhook configuration `cfg` with one webhook `hook.example.com`. */
export function hookConfig(o: HookOptions = {}): string {
  const fields = [
    'name: hook.example.com',
    `clientConfig: {${o.client ?? 'service: {namespace: policy, name: hook}'}}`,
    `rules: ${o.rules ?? ALL_PODS}`,
    'sideEffects: None',
    'admissionReviewVersions: [v1]',
    o.failurePolicy ? `failurePolicy: ${o.failurePolicy}` : '',
    o.namespaceSelector ? `namespaceSelector: ${o.namespaceSelector}` : '',
    o.extra ?? '',
  ].filter((f) => f !== '');
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ${o.kind ?? 'ValidatingWebhookConfiguration'}
metadata: {name: cfg}
webhooks:
  - ${fields.join('\n    ')}
`;
}

/** A further document: a Namespace with labels (flow YAML map). */
export function ns(name: string, labels = '{}'): string {
  return `---
apiVersion: v1
kind: Namespace
metadata: {name: ${name}, labels: ${labels}}
`;
}
