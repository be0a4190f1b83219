/**
 * Object shape validation at load, with the API server's tolerance: every field any rule, index
 * or analysis reads must have the type the Kubernetes API gives it (a number where the API takes
 * a string is an error, as `kubectl apply` would say). A field set to `null` is absent, as the API
 * server decodes it; a `null` list item is an error. An invalid object is excluded from the
 * snapshot and reported as an inventory error naming the field path and the expected type, so the
 * rest of the pipeline can trust the types it reads. Unknown kinds (CRDs) get their metadata checked.
 *
 * The shapes are plain data walked by `check` (no compile step: ajv took about half a second of CPU
 * to compile them, on every CLI start, for a type check this simple).
 */
import { isRecord, type K8sObject } from '../model/k8s.js';

/** The shape of a field: a scalar type, a list, a map with values of one shape, or an open object. */
type Schema =
  | { t: 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'any-map' }
  | { t: 'list'; items: Schema }
  | { t: 'map'; values: Schema }
  | { t: 'object'; fields: Record<string, Schema>; list: readonly (readonly [string, Schema])[] };

// ---------------------------------------------------------------------------------------
// Schema builders: open objects (unknown fields are allowed, as rules ignore them).

const str: Schema = { t: 'string' };
const bool: Schema = { t: 'boolean' };
const int: Schema = { t: 'integer' };
/** IntOrString (ports, targetPort). */
const intOrStr: Schema = { t: 'int-or-string' };
/** resource.Quantity: `cpu: 1`, `memory: 1Gi`, `0.5`. */
const quantity: Schema = { t: 'quantity' };
const list = (items: Schema): Schema => ({ t: 'list', items });
const map = (values: Schema): Schema => ({ t: 'map', values });
/** `list`: the fields as entries, made once here (an object shape is walked once per object checked). */
const obj = (fields: Record<string, Schema>): Schema => ({ t: 'object', fields, list: Object.entries(fields) });
const strings = list(str);
const stringMap = map(str);
const anyMap: Schema = { t: 'any-map' };
/** A named shape used in several places (the name only documents it). */
const def = (_name: string, schema: Schema): Schema => schema;

const ownerReference = def('ownerReference', obj({ apiVersion: str, kind: str, name: str, uid: str, controller: bool, blockOwnerDeletion: bool }));

const objectMeta = def('objectMeta', obj({
  name: str,
  generateName: str,
  namespace: str,
  uid: str,
  resourceVersion: str,
  generation: int,
  creationTimestamp: str,
  deletionTimestamp: str,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: list(ownerReference),
  finalizers: strings,
}));

const labelSelector = def('labelSelector', obj({
  matchLabels: stringMap,
  matchExpressions: list(obj({ key: str, operator: str, values: strings })),
}));

const nodeSelectorTerm = def('nodeSelectorTerm', obj({
  matchExpressions: list(obj({ key: str, operator: str, values: strings })),
  matchFields: list(obj({ key: str, operator: str, values: strings })),
}));
const nodeSelector = def('nodeSelector', obj({ nodeSelectorTerms: list(nodeSelectorTerm) }));
const podAffinityTerm = def('podAffinityTerm', obj({ labelSelector, namespaceSelector: labelSelector, namespaces: strings, topologyKey: str }));
const affinity = def('affinity', obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
    preferredDuringSchedulingIgnoredDuringExecution: list(obj({ weight: int, preference: nodeSelectorTerm })),
  }),
  podAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
    preferredDuringSchedulingIgnoredDuringExecution: list(obj({ weight: int, podAffinityTerm })),
  }),
  podAntiAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
    preferredDuringSchedulingIgnoredDuringExecution: list(obj({ weight: int, podAffinityTerm })),
  }),
}));
const toleration = def('toleration', obj({ key: str, operator: str, value: str, effect: str, tolerationSeconds: int }));

const seLinuxOptions = def('seLinuxOptions', obj({ user: str, role: str, type: str, level: str }));
const windowsOptions = def('windowsOptions', obj({ gmsaCredentialSpecName: str, gmsaCredentialSpec: str, runAsUserName: str, hostProcess: bool }));
const profile = def('profile', obj({ type: str, localhostProfile: str }));

const securityContext = def('securityContext', obj({
  capabilities: obj({ add: strings, drop: strings }),
  privileged: bool,
  seLinuxOptions,
  windowsOptions,
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  readOnlyRootFilesystem: bool,
  allowPrivilegeEscalation: bool,
  procMount: str,
  seccompProfile: profile,
  appArmorProfile: profile,
}));

const podSecurityContext = def('podSecurityContext', obj({
  seLinuxOptions,
  windowsOptions,
  runAsUser: int,
  runAsGroup: int,
  runAsNonRoot: bool,
  supplementalGroups: list(int),
  supplementalGroupsPolicy: str,
  fsGroup: int,
  fsGroupChangePolicy: str,
  sysctls: list(obj({ name: str, value: str })),
  seccompProfile: profile,
  appArmorProfile: profile,
  seLinuxChangePolicy: str,
}));

const handlerFields: Record<string, Schema> = {
  exec: obj({ command: strings }),
  httpGet: obj({ path: str, port: intOrStr, host: str, scheme: str, httpHeaders: list(obj({ name: str, value: str })) }),
  tcpSocket: obj({ port: intOrStr, host: str }),
  grpc: obj({ port: int, service: str }),
  sleep: obj({ seconds: int }),
};
const handler = def('handler', obj(handlerFields));
const probe = def(
  'probe',
  obj({
    ...handlerFields,
    initialDelaySeconds: int,
    timeoutSeconds: int,
    periodSeconds: int,
    successThreshold: int,
    failureThreshold: int,
    terminationGracePeriodSeconds: int,
  }),
);

const keyRef = obj({ name: str, key: str, optional: bool });
const container = def('container', obj({
  name: str,
  image: str,
  imagePullPolicy: str,
  command: strings,
  args: strings,
  workingDir: str,
  ports: list(obj({ name: str, containerPort: int, hostPort: int, protocol: str, hostIP: str })),
  env: list(
    obj({
      name: str,
      value: str,
      valueFrom: obj({
        secretKeyRef: keyRef,
        configMapKeyRef: keyRef,
        fieldRef: obj({ fieldPath: str, apiVersion: str }),
        resourceFieldRef: obj({ resource: str, containerName: str }),
      }),
    }),
  ),
  envFrom: list(obj({ prefix: str, secretRef: obj({ name: str, optional: bool }), configMapRef: obj({ name: str, optional: bool }) })),
  resources: obj({ limits: map(quantity), requests: map(quantity), claims: list(obj({ name: str })) }),
  volumeMounts: list(obj({ name: str, mountPath: str, readOnly: bool, subPath: str, subPathExpr: str, mountPropagation: str, recursiveReadOnly: str })),
  volumeDevices: list(obj({ name: str, devicePath: str })),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: obj({ postStart: handler, preStop: handler, stopSignal: str }),
  securityContext,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
  restartPolicy: str,
  targetContainerName: str,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
}));

const keyToPath = def('keyToPath', list(obj({ key: str, path: str, mode: int })));
const volume = def('volume', obj({
  name: str,
  hostPath: obj({ path: str, type: str }),
  emptyDir: obj({ medium: str, sizeLimit: quantity }),
  secret: obj({ secretName: str, items: keyToPath, defaultMode: int, optional: bool }),
  configMap: obj({ name: str, items: keyToPath, defaultMode: int, optional: bool }),
  persistentVolumeClaim: obj({ claimName: str, readOnly: bool }),
  projected: obj({
    defaultMode: int,
    sources: list(
      obj({
        serviceAccountToken: obj({ audience: str, expirationSeconds: int, path: str }),
        secret: obj({ name: str, items: keyToPath, optional: bool }),
        configMap: obj({ name: str, items: keyToPath, optional: bool }),
        downwardAPI: anyMap,
        clusterTrustBundle: anyMap,
      }),
    ),
  }),
  nfs: obj({ server: str, path: str, readOnly: bool }),
  csi: obj({ driver: str, readOnly: bool, fsType: str, volumeAttributes: stringMap }),
  ephemeral: anyMap,
  downwardAPI: anyMap,
  image: obj({ reference: str, pullPolicy: str }),
}));

const podSpec = def('podSpec', obj({
  volumes: list(volume),
  initContainers: list(container),
  containers: list(container),
  ephemeralContainers: list(container),
  restartPolicy: str,
  terminationGracePeriodSeconds: int,
  activeDeadlineSeconds: int,
  dnsPolicy: str,
  nodeSelector: stringMap,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: podSecurityContext,
  imagePullSecrets: list(obj({ name: str })),
  hostname: str,
  subdomain: str,
  affinity,
  schedulerName: str,
  tolerations: list(toleration),
  hostAliases: list(obj({ ip: str, hostnames: strings })),
  priorityClassName: str,
  priority: int,
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: str,
  overhead: map(quantity),
  topologySpreadConstraints: list(obj({ maxSkew: int, topologyKey: str, whenUnsatisfiable: str, labelSelector })),
  os: obj({ name: str }),
  hostUsers: bool,
}));

const podTemplate = def('podTemplate', obj({ metadata: objectMeta, spec: podSpec }));
const workloadSpec = (extra: Record<string, Schema> = {}): Schema => obj({ replicas: int, selector: labelSelector, template: podTemplate, ...extra });
const jobSpec = def('jobSpec', obj({ parallelism: int, completions: int, backoffLimit: int, selector: labelSelector, template: podTemplate }));

const subject = def('subject', obj({ kind: str, name: str, namespace: str, apiGroup: str }));
const roleRef = def('roleRef', obj({ apiGroup: str, kind: str, name: str }));
const policyRule = def('policyRule', obj({ apiGroups: strings, resources: strings, verbs: strings, resourceNames: strings, nonResourceURLs: strings }));

const npPeer = def('npPeer', obj({ podSelector: labelSelector, namespaceSelector: labelSelector, ipBlock: obj({ cidr: str, except: strings }) }));
const npPort = def('npPort', obj({ protocol: str, port: intOrStr, endPort: int }));

const ingressBackend = def('ingressBackend', obj({
  service: obj({ name: str, port: obj({ number: int, name: str }) }),
  resource: obj({ apiGroup: str, kind: str, name: str }),
}));

const webhook = def('webhook', obj({
  name: str,
  clientConfig: obj({ url: str, caBundle: str, service: obj({ namespace: str, name: str, path: str, port: int }) }),
  rules: list(obj({ apiGroups: strings, apiVersions: strings, operations: strings, resources: strings, scope: str })),
  failurePolicy: str,
  matchPolicy: str,
  namespaceSelector: labelSelector,
  objectSelector: labelSelector,
  sideEffects: str,
  timeoutSeconds: int,
  admissionReviewVersions: strings,
  reinvocationPolicy: str,
  matchConditions: list(obj({ name: str, expression: str })),
}));

/** The fields of each built-in kind that Palisade reads, beyond `metadata`. */
const KIND_FIELDS: Record<string, Record<string, Schema>> = {
  Pod: { spec: podSpec, status: obj({ phase: str, podIP: str, hostIP: str, podIPs: list(obj({ ip: str })) }) },
  Deployment: { spec: workloadSpec() },
  ReplicaSet: { spec: workloadSpec() },
  StatefulSet: { spec: workloadSpec({ serviceName: str }) },
  DaemonSet: { spec: workloadSpec() },
  ReplicationController: { spec: obj({ replicas: int, selector: stringMap, template: podTemplate }) },
  Job: { spec: jobSpec },
  CronJob: { spec: obj({ schedule: str, suspend: bool, jobTemplate: obj({ metadata: objectMeta, spec: jobSpec }) }) },
  Service: {
    spec: obj({
      type: str,
      selector: stringMap,
      ports: list(obj({ name: str, protocol: str, appProtocol: str, port: int, targetPort: intOrStr, nodePort: int })),
      clusterIP: str,
      clusterIPs: strings,
      externalIPs: strings,
      externalName: str,
      loadBalancerIP: str,
      loadBalancerSourceRanges: strings,
      loadBalancerClass: str,
      externalTrafficPolicy: str,
      internalTrafficPolicy: str,
      sessionAffinity: str,
      ipFamilies: strings,
      ipFamilyPolicy: str,
      allocateLoadBalancerNodePorts: bool,
    }),
    status: obj({ loadBalancer: obj({ ingress: list(obj({ ip: str, hostname: str })) }) }),
  },
  NetworkPolicy: {
    spec: obj({
      podSelector: labelSelector,
      policyTypes: strings,
      ingress: list(obj({ from: list(npPeer), ports: list(npPort) })),
      egress: list(obj({ to: list(npPeer), ports: list(npPort) })),
    }),
  },
  Role: { rules: list(policyRule) },
  ClusterRole: { rules: list(policyRule), aggregationRule: obj({ clusterRoleSelectors: list(labelSelector) }) },
  RoleBinding: { subjects: list(subject), roleRef },
  ClusterRoleBinding: { subjects: list(subject), roleRef },
  ServiceAccount: {
    automountServiceAccountToken: bool,
    secrets: list(obj({ kind: str, name: str, namespace: str })),
    imagePullSecrets: list(obj({ name: str })),
  },
  Namespace: { spec: obj({ finalizers: strings }), status: obj({ phase: str }) },
  ResourceQuota: {
    spec: obj({
      hard: map(quantity),
      scopes: strings,
      scopeSelector: obj({ matchExpressions: list(obj({ scopeName: str, operator: str, values: strings })) }),
    }),
  },
  LimitRange: {
    spec: obj({
      limits: list(
        obj({ type: str, max: map(quantity), min: map(quantity), default: map(quantity), defaultRequest: map(quantity), maxLimitRequestRatio: map(quantity) }),
      ),
    }),
  },
  Ingress: {
    spec: obj({
      ingressClassName: str,
      defaultBackend: ingressBackend,
      tls: list(obj({ hosts: strings, secretName: str })),
      rules: list(obj({ host: str, http: obj({ paths: list(obj({ path: str, pathType: str, backend: ingressBackend })) }) })),
    }),
  },
  PersistentVolume: {
    spec: obj({
      capacity: map(quantity),
      accessModes: strings,
      storageClassName: str,
      persistentVolumeReclaimPolicy: str,
      volumeMode: str,
      claimRef: obj({ apiVersion: str, kind: str, namespace: str, name: str, uid: str }),
      hostPath: obj({ path: str, type: str }),
      local: obj({ path: str }),
      nfs: obj({ server: str, path: str, readOnly: bool }),
      csi: obj({ driver: str, volumeHandle: str, readOnly: bool }),
      nodeAffinity: obj({ required: nodeSelector }),
    }),
    status: obj({ phase: str }),
  },
  PersistentVolumeClaim: {
    spec: obj({
      accessModes: strings,
      resources: obj({ requests: map(quantity), limits: map(quantity) }),
      storageClassName: str,
      volumeName: str,
      volumeMode: str,
      selector: labelSelector,
    }),
    status: obj({ phase: str }),
  },
  ValidatingWebhookConfiguration: { webhooks: list(webhook) },
  APIService: {
    spec: obj({ group: str, version: str, service: obj({ namespace: str, name: str, port: int }), insecureSkipTLSVerify: bool, caBundle: str, groupPriorityMinimum: int, versionPriority: int }),
  },
  MutatingWebhookConfiguration: { webhooks: list(webhook) },
  HorizontalPodAutoscaler: {
    spec: obj({ scaleTargetRef: obj({ apiVersion: str, kind: str, name: str }), minReplicas: int, maxReplicas: int, metrics: list(anyMap) }),
  },
  PodDisruptionBudget: {
    spec: obj({ selector: labelSelector, minAvailable: intOrStr, maxUnavailable: intOrStr, unhealthyPodEvictionPolicy: str }),
    status: obj({ currentHealthy: int, desiredHealthy: int, expectedPods: int, disruptionsAllowed: int }),
  },
  ValidatingAdmissionPolicy: {
    spec: obj({
      failurePolicy: str,
      paramKind: obj({ apiVersion: str, kind: str }),
      matchConstraints: anyMap,
      validations: list(obj({ expression: str, message: str, messageExpression: str, reason: str })),
      matchConditions: list(obj({ name: str, expression: str })),
      variables: list(obj({ name: str, expression: str })),
      auditAnnotations: list(obj({ key: str, valueExpression: str })),
    }),
  },
  ValidatingAdmissionPolicyBinding: { spec: obj({ policyName: str, validationActions: strings, paramRef: anyMap, matchResources: anyMap }) },
  Secret: { type: str },
  ConfigMap: { data: stringMap, binaryData: stringMap },
  Node: {
    spec: obj({ taints: list(obj({ key: str, value: str, effect: str })), unschedulable: bool, podCIDR: str, podCIDRs: strings, providerID: str }),
    status: obj({
      // Not a string map: newer nodes report `swap: {capacity: ...}` in nodeInfo.
      nodeInfo: obj({ machineID: str, systemUUID: str, bootID: str, kernelVersion: str, osImage: str, containerRuntimeVersion: str, kubeletVersion: str, kubeProxyVersion: str, operatingSystem: str, architecture: str }),
      addresses: list(obj({ type: str, address: str })),
    }),
  },
  RuntimeClass: { handler: str, scheduling: obj({ nodeSelector: stringMap, tolerations: list(toleration) }) },
  CSIDriver: { spec: anyMap },
  CustomResourceDefinition: { spec: obj({ group: str, names: obj({ kind: str, plural: str }), scope: str }) },
};

const TOP: Record<string, Schema> = { apiVersion: str, kind: str, metadata: objectMeta };
const SCHEMAS = new Map<string, Schema>(Object.entries(KIND_FIELDS).map(([kind, fields]) => [kind, obj({ ...TOP, ...fields })]));
const OTHER_KINDS = obj(TOP);

/** Problems found before giving up on an object: enough to fix it, not a flood. */
const MAX_PROBLEMS = 10;

const EXPECTED: Record<Schema['t'], string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'a boolean (true/false)',
  'int-or-string': 'an integer or a string',
  quantity: 'a number or a string',
  'any-map': 'a map',
  list: 'a list',
  map: 'a map',
  object: 'a map',
};

function matches(value: unknown, t: Schema['t']): boolean {
  switch (t) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'int-or-string':
      return typeof value === 'string' || Number.isInteger(value);
    case 'quantity':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    case 'list':
      return Array.isArray(value);
    default:
      return isRecord(value);
  }
}

/**
 * Sub-trees already found valid, per shape. Only frozen ones are remembered: the interner freezes the
 * sub-trees it shares (a container spec, tolerations, a label map kept once for thousands of pods),
 * and a frozen tree cannot change after it was checked. One per validation run, dropped with it.
 */
export type ValidCache = WeakMap<object, Schema>;

/** Checks `value` against `shape`, recording problems at `path` (segments pushed and popped as it walks). */
function check(value: unknown, shape: Schema, path: (string | number)[], problems: ShapeProblem[], valid: ValidCache | undefined): void {
  if (problems.length >= MAX_PROBLEMS) return;
  if (!matches(value, shape.t)) {
    problems.push({ path: fieldPath(path), message: `must be ${EXPECTED[shape.t]} (got ${describe(value)})` });
    return;
  }
  if (shape.t !== 'list' && shape.t !== 'map' && shape.t !== 'object') return;
  const node = value as object;
  const frozen = valid !== undefined && Object.isFrozen(node);
  if (frozen && valid.get(node) === shape) return;
  const before = problems.length;
  if (shape.t === 'list') {
    const items = value as unknown[];
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      check(items[i], shape.items, path, problems, valid);
      path.pop();
    }
  } else if (shape.t === 'map') {
    const rec = value as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      path.push(k);
      check(rec[k], shape.values, path, problems, valid);
      path.pop();
    }
  } else {
    // A field set to null is an absent field (as the API server decodes it); a null map value or list item is not.
    const rec = value as Record<string, unknown>;
    for (const [k, fieldShape] of shape.list) {
      const v = rec[k];
      if (v === undefined || v === null) continue;
      path.push(k);
      check(v, fieldShape, path, problems, valid);
      path.pop();
    }
  }
  if (frozen && problems.length === before) valid.set(node, shape);
}

// ---------------------------------------------------------------------------------------
// Limits that are not types: name lengths as the API server enforces them.

/** metadata.name of most kinds is a DNS subdomain (RFC 1123): at most 253 characters. */
export const MAX_NAME_LENGTH = 253;
/** Namespace and Service names are DNS labels (RFC 1123): at most 63 characters; so is metadata.namespace. */
export const MAX_LABEL_NAME_LENGTH = 63;
const LABEL_NAMED_KINDS: ReadonlySet<string> = new Set(['Namespace', 'Service']);

export interface ShapeProblem {
  /** `metadata.labels["palisade.dev/tenant"]`, `subjects[0].name`. */
  path: string;
  /** `must be a string (got number 2024)`. */
  message: string;
}

export type ValidationOutcome = { ok: true; object: K8sObject } | { ok: false; problems: ShapeProblem[] };

/**
 * Validates one object. Returns it unchanged when its shape is right (a field set to `null` counts as
 * absent, and stays as it is: CEL's has() sees it, as on the API server), else the problems found.
 */
export function validateObject(value: unknown, valid?: ValidCache): ValidationOutcome {
  const problems: ShapeProblem[] = [];
  if (!isRecord(value)) return { ok: false, problems: [{ path: '(document)', message: `must be a map (got ${describe(value)})` }] };
  const kind = typeof value['kind'] === 'string' ? value['kind'] : '';
  for (const field of ['apiVersion', 'kind', 'metadata']) if (value[field] === undefined || value[field] === null) problems.push({ path: field, message: 'is missing' });
  check(value, SCHEMAS.get(kind) ?? OTHER_KINDS, [], problems, valid);
  const meta = value['metadata'];
  if (isRecord(meta)) {
    if (meta['name'] === undefined || meta['name'] === null) problems.push({ path: 'metadata.name', message: 'is missing' });
    problems.push(...lengthProblems(kind, meta));
  }
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  return { ok: true, object: value as K8sObject };
}

function lengthProblems(kind: string, meta: Record<string, unknown>): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  const name = meta['name'];
  const max = LABEL_NAMED_KINDS.has(kind) ? MAX_LABEL_NAME_LENGTH : MAX_NAME_LENGTH;
  if (typeof name === 'string' && name.length > max) out.push({ path: 'metadata.name', message: `is ${name.length} characters long; Kubernetes allows at most ${max}` });
  if (typeof name === 'string' && name === '') out.push({ path: 'metadata.name', message: 'is empty' });
  const ns = meta['namespace'];
  if (typeof ns === 'string' && ns.length > MAX_LABEL_NAME_LENGTH) {
    out.push({ path: 'metadata.namespace', message: `is ${ns.length} characters long; Kubernetes allows at most ${MAX_LABEL_NAME_LENGTH}` });
  }
  return out;
}

/** One line for the problems: `metadata.namespace must be a string (got number 2024)`. */
export function describeProblems(problems: readonly ShapeProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => `${p.path} ${p.message}`);
  return shown.join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}

/** `['metadata', 'labels', 'palisade.dev/tenant']` → `metadata.labels["palisade.dev/tenant"]`; `['subjects', 0, 'name']` → `subjects[0].name`. */
export function fieldPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '(object)' : out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

function dedupe(problems: ShapeProblem[]): ShapeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
