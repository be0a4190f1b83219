/**
 * YAML fixture builders for rule tests: a pod or pod template with only the fields a case is
 * about, the namespace that pins a PSS version, control-plane static pods, their evidence paths
 * and configuration files, the kubelet coverage cases, tenant namespaces and NetworkPolicies. Each builder returns
 * YAML text (documents joined by `---`), the form `RuleCase.objects` takes.
 */
import { componentPod } from '../../src/rules/control-plane/common.js';
import { kubeletConfig } from '../../src/rules/kubelet/common.js';
import type { Component } from '../../src/analysis/flags.js';
import type { ValidCase } from './rule-tester.js';

/** `text` without its common indentation and surrounding blank lines, every line indented by `spaces`. */
function indent(text: string, spaces: number): string {
  const rows = text.split('\n');
  while (rows.length > 0 && rows[0]!.trim() === '') rows.shift();
  while (rows.length > 0 && rows[rows.length - 1]!.trim() === '') rows.pop();
  const depth = Math.min(...rows.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  const pad = ' '.repeat(spaces);
  return rows.map((l) => (l.trim() === '' ? '' : pad + l.slice(depth))).join('\n');
}

/** `key: value` when the value is given, else nothing (so an unset option leaves the field out). */
function field(key: string, value: string | undefined): string {
  return value === undefined ? '' : `${key}: ${value}`;
}

/** The lines that are not empty, joined: the body of a YAML mapping built from optional parts. */
function lines(...parts: string[]): string {
  return parts.filter((p) => p.trim() !== '').join('\n');
}

export interface PodOptions {
  /** Defaults to `p`. */
  name?: string;
  /** Defaults to `a`. */
  namespace?: string;
  /** Flow map, e.g. `{seccomp.security.alpha.kubernetes.io/pod: unconfined}`. */
  annotations?: string;
  /** Further pod spec fields (`hostUsers: false`, `os: {name: windows}`), one per line. */
  spec?: string;
  /** The pod-level `securityContext` (flow YAML). */
  securityContext?: string;
  /** The pod's `volumes` (flow YAML list). */
  volumes?: string;
  /** The image of the one container, `app`; defaults to `nginx:1.27`. */
  image?: string;
  /** The `securityContext` of container `app` (flow YAML). */
  containerSecurityContext?: string;
  /** Further fields of container `app` (`livenessProbe: {...}`, `ports: [...]`), one per line. */
  container?: string;
}

/** A Pod with one container `app`, and only the fields the options name. */
export function pod(o: PodOptions = {}): string {
  const meta = [`name: ${o.name ?? 'p'}`, `namespace: ${o.namespace ?? 'a'}`, field('annotations', o.annotations)].filter((m) => m !== '').join(', ');
  const container = lines(
    `- name: app`,
    `  image: ${JSON.stringify(o.image ?? 'nginx:1.27')}`,
    `  ${field('securityContext', o.containerSecurityContext)}`,
    o.container === undefined ? '' : indent(o.container, 2),
  );
  const spec = lines(
    o.spec === undefined ? '' : indent(o.spec, 0),
    field('securityContext', o.securityContext),
    field('volumes', o.volumes),
    'containers:',
    container,
  );
  return `apiVersion: v1
kind: Pod
metadata: {${meta}}
spec:
${indent(spec, 2)}
`;
}

/** The pod-template kinds, with the apiVersion and the name (`d`, `s`, ...) the tests give them. */
const TEMPLATE_KINDS = {
  Deployment: { apiVersion: 'apps/v1', name: 'd' },
  StatefulSet: { apiVersion: 'apps/v1', name: 's' },
  DaemonSet: { apiVersion: 'apps/v1', name: 'ds' },
  ReplicaSet: { apiVersion: 'apps/v1', name: 'r' },
  ReplicationController: { apiVersion: 'v1', name: 'rc' },
  Job: { apiVersion: 'batch/v1', name: 'j' },
  CronJob: { apiVersion: 'batch/v1', name: 'c' },
} as const;

export type TemplateKind = keyof typeof TEMPLATE_KINDS;

export interface WorkloadOptions {
  name?: string;
  /** Defaults to `a`. */
  namespace?: string;
  /** The pod template's `metadata` (flow YAML). */
  templateMetadata?: string;
}

/**
 * A workload whose pod template spec is `podSpec` (YAML, any indentation). A CronJob nests it in
 * `jobTemplate` with an `@daily` schedule; a Job or CronJob spec needs its own `restartPolicy`.
 */
export function workload(kind: TemplateKind, podSpec: string, o: WorkloadOptions = {}): string {
  const { apiVersion, name } = TEMPLATE_KINDS[kind];
  const template = lines(field('metadata', o.templateMetadata), 'spec:', indent(podSpec, 2));
  const spec = kind === 'CronJob' ? lines('schedule: "@daily"', 'jobTemplate:', '  spec:', '    template:', indent(template, 6)) : lines('template:', indent(template, 2));
  return `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: ${o.name ?? name}, namespace: ${o.namespace ?? 'a'}}
spec:
${indent(spec, 2)}
`;
}

/** The namespace the PSS tests pin to an older Pod Security Standards version. */
export const PINNED_NS = 'old';

/** A further document: namespace `old` with `pod-security.kubernetes.io/enforce-version: <version>` (and any other labels). */
export function pinned(version: string, otherLabels = ''): string {
  const labels = [otherLabels, `pod-security.kubernetes.io/enforce-version: ${version}`].filter((l) => l !== '').join(', ');
  return `
---
apiVersion: v1
kind: Namespace
metadata: {name: ${PINNED_NS}, labels: {${labels}}}
`;
}

/** A static pod the kubelet mirrors into the API (the kubeadm API server): it cannot use a ServiceAccount. */
export const MIRROR_POD = `
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver-cp1
  namespace: kube-system
  annotations: {kubernetes.io/config.mirror: abc123}
spec:
  containers: [{name: kube-apiserver, image: registry.k8s.io/kube-apiserver:v1.36.3}]
`;

/** A further document: ServiceAccount `name` in namespace `a`, with `automountServiceAccountToken` when given. */
export function serviceAccount(name: string, automount?: boolean): string {
  return `
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: ${name}, namespace: a}
${automount === undefined ? '' : `automountServiceAccountToken: ${automount}`}
`;
}

// --- control plane -----------------------------------------------------------------------------

/** A cluster whose control plane is not visible (managed): nothing but a namespace. */
export const NO_CONTROL_PLANE = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n';

/** The valid case every flag rule has: no component pod, so not applicable. */
export const CONTROL_PLANE_NOT_VISIBLE: ValidCase = { name: 'control plane not visible (managed cluster)', objects: NO_CONTROL_PLANE, status: 'not-applicable' };

export interface ComponentFixture {
  /** The component's static pod (`<component>-node1` in kube-system) run with these flags. */
  pod(...flags: string[]): string;
  /** Evidence path of the whole command (where a missing flag is reported). */
  command: string;
  /** Evidence path of the command's argument `index` (1 is the first flag after the binary). */
  arg(index: number): string;
}

export function component(name: Component): ComponentFixture {
  const command = `Pod/kube-system/${name}-node1 spec.containers[0].command`;
  return { pod: (...flags) => componentPod(name, flags), command, arg: (index) => `${command}[${index}]` };
}

export const APISERVER = component('kube-apiserver');
export const CONTROLLER_MANAGER = component('kube-controller-manager');
export const ETCD = component('etcd');
export const SCHEDULER = component('kube-scheduler');

/** A further document: ConfigMap `kube-system/<name>` holding a component's configuration file `key` (YAML, any indentation). */
export function configMapFile(name: string, key: string, content: string): string {
  return `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ${name}, namespace: kube-system}
data:
  ${key}: |
${indent(content, 4)}
`;
}

/** A further document: ConfigMap `kube-system/authz` holding an AuthorizationConfiguration with these authorizer types. */
export function authzConfigMap(types: readonly string[]): string {
  return configMapFile('authz', 'authz.yaml', `
    apiVersion: apiserver.config.k8s.io/v1
    kind: AuthorizationConfiguration
    authorizers: [${types.map((t) => `{type: ${t}, name: ${t.toLowerCase()}}`).join(', ')}]`);
}

// --- kubelet -----------------------------------------------------------------------------------

const CLUSTER = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string): string => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

/**
 * The valid cases every kubelet rule shares, about which nodes have a configuration:
 * `compliant` is a KubeletConfiguration body the rule passes.
 */
export function kubeletCoverageCases(compliant: string): ValidCase[] {
  return [
    { name: 'offline without KubeletConfiguration: unknown', objects: CLUSTER + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: CLUSTER + node('node-1') + node('node-2') + '---\n' + kubeletConfig(compliant), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: CLUSTER + node('node-1') + '---\n' + kubeletConfig(compliant), status: 'not-applicable' },
  ];
}

// --- tenancy -----------------------------------------------------------------------------------

/** Namespace `a1` of tenant `acme`. */
export const TENANT_NS = `
apiVersion: v1
kind: Namespace
metadata: {name: a1, labels: {palisade.dev/tenant: acme}}
`;

/** A further document: NetworkPolicy `name` in namespace `a1` with this spec (YAML, any indentation). */
export function networkPolicy(name: string, spec: string): string {
  return `
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: a1}
spec:
${indent(spec, 2)}
`;
}
