import type { Severity } from '../model/result.js';
import type { LabelSelector } from '../inventory/selectors.js';

export interface WaiverConfig {
  /** Rule ID, or a glob such as `pss/*`. */
  rule: string;
  /** Namespace glob; omitted = every namespace (and cluster-scoped objects). */
  namespace?: string;
  /** Object name glob; omitted = every object. */
  name?: string;
  /** Object kind; omitted = every kind. */
  kind?: string;
  reason: string;
  approver?: string;
  ticket?: string;
  /** ISO 8601 date (`2026-12-31`) or date-time; the waiver stops applying after it. */
  expires?: string;
}

/** `soft`: teams that trust each other's intent; `hard`: hostile tenants (sandboxed runtimes, user namespaces, dedicated nodes). */
export type TenantIsolation = 'soft' | 'hard';

export interface TenantDefinition {
  name: string;
  namespaces?: string[];
  selector?: LabelSelector;
  /** Isolation profile the tenant is judged by; default `soft` (`hard` when `untrusted: true`). */
  isolation?: TenantIsolation;
  /** Older spelling of `isolation: hard`: the tenant runs untrusted code. */
  untrusted?: boolean;
  /** This tenant's images must be pinned by digest (`workload/image-digest`); overrides `images.requireDigest` in its namespaces. */
  requireDigest?: boolean;
  /** Subjects that act for the tenant (users, groups), used by access analysis and probes. */
  subjects?: { kind: 'User' | 'Group' | 'ServiceAccount'; name: string; namespace?: string }[];
}

export interface TenancyConfig {
  /** Namespace label that names a namespace's tenant. */
  labelKey: string;
  /** Also read Capsule's `capsule.clastix.io/tenant` label. */
  capsule: boolean;
  tenants: TenantDefinition[];
  /** Namespaces (globs) that are `system`; the scanner's own namespace is always system. */
  systemNamespaces: string[];
  /** Pod CIDRs of the cluster; lets NetworkPolicy ipBlocks be matched against pods (otherwise they only reach outside the cluster). */
  podCIDRs?: string[];
  /** RuntimeClass handlers (globs) that sandbox a pod from the node kernel; hard tenants must use one. */
  sandboxHandlers: string[];
}

/** Image provenance: where tenant and platform images may come from. */
export interface ImagesConfig {
  /** Registry globs (`registry.example.com`, `*.dkr.ecr.*.amazonaws.com`, `ghcr.io/acme/*`); an image elsewhere fails. */
  allowedRegistries?: string[];
  /** Every image must be pinned by digest (`@sha256:...`); a tenant's own `requireDigest` wins in its namespaces. */
  requireDigest?: boolean;
}

/** Live scans: how each kubelet's serving certificate is verified when its /configz is read directly. */
export interface KubeletConfig {
  /**
   * PEM bundle of the CA that signs the kubelets' serving certificates, instead of the cluster CA
   * (a relative path is relative to the config file). Excludes insecureSkipTLSVerify.
   */
  caFile?: string;
  /** Do not verify kubelet serving certificates at all (a warning on every scan; recorded in the result). */
  insecureSkipTLSVerify: boolean;
}

/** One CEL check of a custom rule (ValidatingAdmissionPolicy `validations[]` semantics). */
export interface CustomValidation {
  /** CEL expression that must be true for the object to pass. */
  expression: string;
  /** Static failure message; default: the expression. */
  message?: string;
  /** CEL expression giving the failure message (a string); falls back to `message` when it fails. */
  messageExpression?: string;
  /** Machine-readable reason, as in a VAP (e.g. Invalid, Forbidden). */
  reason?: string;
}

/** A user-written rule: CEL `validations` or a JSON Schema `schema` over each target object. */
export interface CustomRuleConfig {
  /** `custom/<kebab-name>`, stable. */
  id: string;
  title: string;
  severity: Severity;
  /** Kinds the rule runs on, e.g. `Deployment`. */
  targets: string[];
  description?: string;
  remediation?: string;
  category?: 'security' | 'reliability' | 'efficiency' | 'tenancy';
  /** Only objects in namespaces whose labels match (cluster-scoped objects are not filtered). */
  namespaceSelector?: LabelSelector;
  /** Only objects whose labels match. */
  objectSelector?: LabelSelector;
  /** Only objects in these namespaces (globs). */
  namespaces?: string[];
  /** Binds `params` to one object in the input (as a VAP paramRef). */
  paramRef?: { kind: string; name: string; namespace?: string };
  validations?: CustomValidation[];
  /** JSON Schema (draft 2020-12) the whole object must satisfy. */
  schema?: Record<string, unknown>;
}

/** Input limits; absent keys keep the defaults (src/inventory/files.ts, snapshot-file.ts). */
export interface LimitsConfig {
  maxObjectBytes?: number;
  maxSnapshotBytes?: number;
  maxYamlAliases?: number;
}

export interface PalisadeConfig {
  /** Cluster name: a `cluster` label on metrics and a field in reports. */
  clusterName?: string;
  /** Kubernetes minor version used for version-aware rules when the cluster does not say (e.g. `1.36`). */
  kubernetesVersion: string;
  rules: {
    /** Rule IDs or globs to turn off. */
    disabled: string[];
    /** When non-empty, only these rule IDs or globs run. */
    only: string[];
    /** Severity overrides by rule ID. */
    severity: Record<string, Severity>;
    /** Per-rule options by rule ID. */
    options: Record<string, Record<string, unknown>>;
    /** Exclude Kubernetes bootstrap RBAC objects (`system:*`) from RBAC findings. */
    excludeSystemRbac: boolean;
  };
  tenancy: TenancyConfig;
  waivers: WaiverConfig[];
  /** Honour `palisade.dev/waive` annotations on objects. Off by default: the object owner should not waive its own findings. */
  annotationWaivers: boolean;
  /** The namespace Palisade itself runs in (counted as `system`). */
  selfNamespace: string;
  /** Live scans: kubelet TLS verification (default: against the cluster CA). */
  kubelet: KubeletConfig;
  /** User-written rules (CEL or JSON Schema); they run like built-in rules. */
  customRules: CustomRuleConfig[];
  /** Input limits (object size, snapshot size, YAML aliases). */
  limits?: LimitsConfig;
  /** Which namespaces' objects are evaluated (`--namespace` / `--exclude-namespace` add to these). */
  namespaces?: { include: string[]; exclude: string[] };
  /** Report options (`--docs-base-url` wins over `report.docsBaseUrl`). */
  report?: ReportConfig;
  /** Image provenance (allowed registries, digest pinning); absent = those rules are not applicable. */
  images?: ImagesConfig;
  /** Objects and Namespaces carrying all of `skip.labels` are not evaluated (they stay as context). */
  skip: SkipConfig;
}

export interface SkipConfig {
  /** Label key → value; default `palisade.dev/skip: "true"`; `{}` skips nothing. */
  labels: Record<string, string>;
}

export interface ReportConfig {
  /** Base URL of the per-rule docs (docs/rules/); SARIF `helpUri`s are `<base>/<family>/<name>.md`. */
  docsBaseUrl?: string;
}

/** gVisor (`runsc`, GKE Sandbox `gvisor`) and Kata Containers handlers (`kata`, `kata-qemu`, `kata-clh`, `kata-fc`, ...). */
export const DEFAULT_SANDBOX_HANDLERS: readonly string[] = ['runsc', 'runsc-*', 'gvisor', 'kata', 'kata-*'];

export function defaultConfig(): PalisadeConfig {
  return {
    kubernetesVersion: '1.36',
    rules: { disabled: [], only: [], severity: {}, options: {}, excludeSystemRbac: true },
    tenancy: {
      labelKey: 'palisade.dev/tenant',
      capsule: true,
      tenants: [],
      systemNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
      sandboxHandlers: [...DEFAULT_SANDBOX_HANDLERS],
    },
    waivers: [],
    annotationWaivers: false,
    selfNamespace: 'palisade',
    kubelet: { insecureSkipTLSVerify: false },
    customRules: [],
    skip: { labels: { 'palisade.dev/skip': 'true' } },
  };
}
