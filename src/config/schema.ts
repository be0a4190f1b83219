import { SEVERITIES } from '../model/result.js';

/**
 * JSON Schema (draft 2020-12) of palisade.yaml. Mirrors PalisadeConfig (types.ts); every
 * field is optional because the file is merged over the embedded defaults. Unknown keys are
 * rejected so a typo never silently disables a setting. Published as docs/config.schema.json
 * (test/unit/config-schema.test.ts keeps the two equal).
 */

// The name part may hold dots: `vap/<policy-name>` rules carry the cluster's policy names.
const ruleIdOrGlob = { type: 'string', minLength: 1, pattern: '^[a-z0-9*?-]+(/[a-z0-9.*?-]+)?$' } as const;

const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: {
          key: { type: 'string', minLength: 1 },
          operator: { enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
} as const;

const dateOrDateTime = {
  description: 'Date (2026-12-31, valid through that day UTC) or date-time (2026-12-31T18:00:00Z)',
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
  ],
} as const;

const kind = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' } as const;

const customValidation = {
  type: 'object',
  additionalProperties: false,
  required: ['expression'],
  properties: {
    expression: { description: 'CEL expression that must be true (ValidatingAdmissionPolicy semantics)', type: 'string', minLength: 1 },
    message: { description: 'Failure message', type: 'string', minLength: 1 },
    messageExpression: { description: 'CEL expression giving the failure message', type: 'string', minLength: 1 },
    reason: { description: 'Machine-readable reason (Invalid, Forbidden, ...)', type: 'string', minLength: 1 },
  },
} as const;

const customRule = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'severity', 'targets'],
  properties: {
    id: { description: 'custom/<kebab-name>', type: 'string', pattern: '^custom/[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    title: { type: 'string', minLength: 1 },
    severity: { enum: [...SEVERITIES] },
    targets: { description: 'Kinds the rule runs on (Deployment, Namespace, ...)', type: 'array', minItems: 1, items: kind },
    description: { type: 'string', minLength: 1 },
    remediation: { type: 'string', minLength: 1 },
    category: { enum: ['security', 'reliability', 'efficiency', 'tenancy'] },
    namespaceSelector: labelSelector,
    objectSelector: labelSelector,
    namespaces: { description: 'Namespace globs; omitted = all', type: 'array', items: { type: 'string', minLength: 1 } },
    paramRef: {
      description: 'The object bound to `params` in CEL',
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'name'],
      properties: { kind, name: { type: 'string', minLength: 1 }, namespace: { type: 'string', minLength: 1 } },
    },
    validations: { description: 'CEL checks (give these or schema)', type: 'array', minItems: 1, items: customValidation },
    schema: { description: 'JSON Schema (draft 2020-12) over the whole object (give this or validations)', type: 'object' },
  },
} as const;

export const CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://palisade.dev/schemas/config.schema.json',
  title: 'Palisade configuration (palisade.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    clusterName: {
      description: 'Cluster name: the `cluster` label on metrics and a field in reports',
      type: 'string',
      minLength: 1,
    },
    kubernetesVersion: {
      description: 'Kubernetes minor version (e.g. "1.36") for version-aware rules when the cluster does not say',
      type: 'string',
      pattern: '^v?1\\.\\d+(\\.\\d+)?$',
    },
    rules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        disabled: { description: 'Rule IDs or globs (pss/*) to turn off', type: 'array', items: ruleIdOrGlob },
        only: { description: 'When non-empty, only these rule IDs or globs run', type: 'array', items: ruleIdOrGlob },
        severity: {
          description: 'Severity overrides by rule ID (no globs)',
          type: 'object',
          propertyNames: ruleIdOrGlob,
          additionalProperties: { enum: [...SEVERITIES] },
        },
        options: {
          description: 'Per-rule options by rule ID (no globs)',
          type: 'object',
          propertyNames: ruleIdOrGlob,
          additionalProperties: { type: 'object' },
        },
        excludeSystemRbac: {
          description: 'Leave Kubernetes bootstrap RBAC objects (label kubernetes.io/bootstrapping=rbac-defaults, or the name of an object the API server creates at startup; a system: prefix alone is not enough) out of RBAC findings',
          type: 'boolean',
        },
      },
    },
    tenancy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        labelKey: { description: 'Namespace label that names the tenant', type: 'string', minLength: 1 },
        capsule: { description: "Also read Capsule's capsule.clastix.io/tenant label", type: 'boolean' },
        tenants: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: {
              name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
              namespaces: { type: 'array', items: { type: 'string', minLength: 1 } },
              selector: labelSelector,
              isolation: {
                description: 'Isolation profile: soft (default; teams that trust each other) or hard (hostile tenants: sandboxed RuntimeClass, user namespaces, dedicated nodes, no shared identities or volumes)',
                enum: ['soft', 'hard'],
              },
              untrusted: { description: 'Older spelling of isolation: hard', type: 'boolean' },
              requireDigest: { description: "This tenant's images must be pinned by digest (@sha256:...); overrides images.requireDigest in its namespaces", type: 'boolean' },
              subjects: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['kind', 'name'],
                  properties: {
                    kind: { enum: ['User', 'Group', 'ServiceAccount'] },
                    name: { type: 'string', minLength: 1 },
                    namespace: { type: 'string', minLength: 1 },
                  },
                },
              },
            },
          },
        },
        systemNamespaces: {
          description: 'Namespaces (globs) that belong to the platform, not to a tenant; replaces the default list',
          type: 'array',
          items: { type: 'string', minLength: 1 },
        },
        podCIDRs: {
          description: 'Pod CIDRs of the cluster (e.g. 10.244.0.0/16): NetworkPolicy ipBlocks inside them are matched against pods',
          type: 'array',
          items: {
            type: 'string',
            pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)/[0-9]{1,3}$',
          },
        },
        sandboxHandlers: {
          description: 'RuntimeClass handlers (globs) that sandbox pods from the node kernel, required for hard tenants; replaces the default list (runsc, runsc-*, gvisor, kata, kata-*)',
          type: 'array',
          items: { type: 'string', minLength: 1 },
        },
      },
    },
    images: {
      description: 'Image provenance: allowed registries and digest pinning (workload/image-registry, workload/image-digest)',
      type: 'object',
      additionalProperties: false,
      properties: {
        allowedRegistries: {
          description: 'Registry globs an image must come from (registry.example.com, *.dkr.ecr.*.amazonaws.com, ghcr.io/acme/*); Docker Hub short names count as docker.io',
          type: 'array',
          items: { type: 'string', minLength: 1 },
        },
        requireDigest: { description: "Every image must be pinned by digest (@sha256:...); a tenant's own requireDigest wins in its namespaces", type: 'boolean' },
      },
    },
    waivers: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: ruleIdOrGlob,
          namespace: { description: 'Namespace glob; omitted = all', type: 'string', minLength: 1 },
          name: { description: 'Object name glob; omitted = all', type: 'string', minLength: 1 },
          kind: { description: 'Object kind; omitted = all', type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
          reason: { type: 'string', minLength: 1 },
          approver: { type: 'string', minLength: 1 },
          ticket: { type: 'string', minLength: 1 },
          expires: dateOrDateTime,
        },
      },
    },
    annotationWaivers: {
      description: 'Honour palisade.dev/waive annotations on objects (off by default: owners should not waive their own findings)',
      type: 'boolean',
    },
    selfNamespace: { description: 'Namespace Palisade runs in (counted as system)', type: 'string', minLength: 1 },
    limits: {
      description: 'Input limits (each refuses one input with a clear error, the rest is scanned); raise them for unusual inputs',
      type: 'object',
      additionalProperties: false,
      properties: {
        maxObjectBytes: { description: 'Largest manifest document or list item read, in bytes (default 1572864 = 1.5 MiB, as etcd)', type: 'integer', minimum: 1024 },
        maxSnapshotBytes: { description: 'Largest snapshot file, after gzip decompression, in bytes (default 536870912 = 512 MiB)', type: 'integer', minimum: 1024 },
        maxYamlAliases: { description: 'YAML alias uses allowed per manifest document (default 100; a "billion laughs" document needs far more)', type: 'integer', minimum: 0 },
      },
    },
    namespaces: {
      description: 'Which namespaces are evaluated: objects elsewhere stay as context but get no results; cluster-scoped objects are always evaluated. --namespace / --exclude-namespace add to these',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: { description: 'Only these namespaces (exact names)', type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
        exclude: { description: 'Not these namespaces (names or globs, e.g. "kube-*")', type: 'array', items: { type: 'string', minLength: 1 }, default: [] },
      },
    },
    skip: {
      description: 'Objects and Namespaces carrying all of these labels are not evaluated (a skipped Namespace takes its objects with it); they stay as context for cross-object analyses, and the report lists them',
      type: 'object',
      additionalProperties: false,
      properties: {
        labels: {
          description: 'Label key → value (default palisade.dev/skip: "true"); {} skips nothing',
          type: 'object',
          additionalProperties: { type: 'string' },
          default: { 'palisade.dev/skip': 'true' },
        },
      },
    },
    report: {
      description: 'Report options',
      type: 'object',
      additionalProperties: false,
      properties: {
        docsBaseUrl: {
          description: 'Base URL of the per-rule docs (docs/rules/ of the Palisade repository, or a mirror); SARIF helpUri = <base>/<family>/<name>.md. The --docs-base-url flag wins',
          type: 'string',
          pattern: '^https?://',
        },
      },
    },
    kubelet: {
      description: "Live scans: how kubelet serving certificates are verified when each kubelet's /configz is read (default: against the cluster CA)",
      type: 'object',
      additionalProperties: false,
      properties: {
        caFile: {
          description: "PEM bundle of the CA that signs the kubelets' serving certificates, instead of the cluster CA; relative to this file",
          type: 'string',
          minLength: 1,
        },
        insecureSkipTLSVerify: {
          description: 'Do not verify kubelet serving certificates (last resort: a warning on every scan, recorded as source.kubeletTls "not-verified")',
          type: 'boolean',
        },
      },
    },
    customRules: {
      description: 'User-written rules: CEL validations (ValidatingAdmissionPolicy semantics) or a JSON Schema, see docs/custom-rules.md',
      type: 'array',
      items: customRule,
    },
  },
} as const;
