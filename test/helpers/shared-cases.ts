/**
 * Case tables that several rules share because they check the same thing from different angles
 * (one permission or another, ingress or egress, liveness or readiness). The test file passes the
 * message IDs the failing cases must report, so each rule's test still names its messages.
 */
import { rbacFixture } from '../../src/rules/rbac/common.js';
import { APISERVER, NO_CONTROL_PLANE, TENANT_NS, authzConfigMap, networkPolicy, pod, workload } from './fixtures.js';
import type { InvalidCase, ValidCase } from './rule-tester.js';

export interface CaseTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** What the failing cases of a shared table must report. */
export interface Expected {
  messages: string[];
}

// --- RBAC: rules that flag a binding granting one permission --------------------------------------

export interface GrantRule {
  /** A ClusterRole `rules` list (flow YAML) that grants the permission. */
  grant: string;
  /**
   * What a RoleBinding to the same ClusterRole does: `grants` it in its namespace (namespaced
   * resources), `cannot-grant` it (cluster-scoped resources); unset: no RoleBinding case.
   */
  roleBinding?: 'grants' | 'cannot-grant';
}

/** `rbacFixture` with the ClusterRole `r` renamed, so the binding points at a role that does not exist. */
function dangling(grant: string): string {
  return rbacFixture({ rules: grant, roleName: 'r' }).replace('name: "r"}\nrules', 'name: "other"}\nrules');
}

/** `rbacFixture` with the role `edit` labelled as Kubernetes bootstrap RBAC. */
function bootstrapEdit(grant: string): string {
  return rbacFixture({ rules: grant, roleName: 'edit' }).replace('metadata: {name: "edit"}', 'metadata: {name: "edit", labels: {kubernetes.io/bootstrapping: rbac-defaults}}');
}

/** `rbacFixture` with the binding labelled as Kubernetes bootstrap RBAC. */
function bootstrapBinding(grant: string, name: string): string {
  return rbacFixture({ rules: grant, roleName: name, bindingName: name }).replace(`metadata: {name: "${name}"}\nroleRef`, `metadata: {name: "${name}", labels: {kubernetes.io/bootstrapping: rbac-defaults}}\nroleRef`);
}

/** The cases every grant rule has: unrelated and excluded grants pass, direct, wildcard and bootstrap-role grants fail. */
export function grantRuleCases(rule: GrantRule, expected: Expected): CaseTable {
  const { grant } = rule;
  const valid: ValidCase[] = [
    { name: 'unrelated permissions', objects: rbacFixture({ rules: '[{apiGroups: [""], resources: [configmaps], verbs: [get, list]}]' }) },
    { name: 'bootstrap binding excluded by default', objects: bootstrapBinding(grant, 'system:controller:x'), status: 'not-applicable' },
    { name: 'a bootstrap binding known by name is excluded without its label', objects: rbacFixture({ rules: grant, roleName: 'system:node', bindingName: 'system:node' }), status: 'not-applicable' },
    { name: 'dangling binding grants nothing', objects: dangling(grant), status: 'not-applicable' },
  ];
  const invalid: InvalidCase[] = [
    {
      name: 'direct grant in a ClusterRoleBinding',
      objects: rbacFixture({ rules: grant }),
      ...expected,
      paths: ['ClusterRoleBinding/b → ClusterRole/r rules[0]'],
      messageIncludes: 'User alice',
    },
    {
      name: 'wildcards grant it',
      objects: rbacFixture({ rules: '[{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]', subjects: '[{kind: Group, name: "system:authenticated"}]' }),
      ...expected,
      messageIncludes: 'Group system:authenticated',
    },
    { name: 'a user binding to a bootstrap role (edit, admin) is checked', objects: bootstrapEdit(grant), ...expected },
    { name: 'a user-made system: binding is not bootstrap RBAC', objects: rbacFixture({ rules: grant, roleName: 'system:test', bindingName: 'system:test' }), ...expected },
    {
      name: 'system roles are checked when the exclusion is off',
      objects: rbacFixture({ rules: grant, roleName: 'system:x', bindingName: 'system:x' }),
      config: (c) => {
        c.rules.excludeSystemRbac = false;
      },
      ...expected,
    },
  ];
  if (rule.roleBinding === 'cannot-grant') {
    valid.push({ name: 'a RoleBinding cannot grant a cluster-scoped resource', objects: rbacFixture({ bindingKind: 'RoleBinding', rules: grant }) });
  }
  if (rule.roleBinding === 'grants') {
    invalid.push({
      name: 'RoleBinding to a ClusterRole grants it in one namespace',
      objects: rbacFixture({ bindingKind: 'RoleBinding', rules: grant, subjects: '[{kind: ServiceAccount, name: ci}]' }),
      ...expected,
      paths: ['RoleBinding/team-a/b → ClusterRole/r rules[0]'],
      messageIncludes: 'ServiceAccount team-a/ci',
    });
  }
  return { valid, invalid };
}

// --- workload probes ---------------------------------------------------------------------------

const PROBE = '{httpGet: {path: /healthz, port: 8080}}';

/** Liveness and readiness: every long-running container needs the probe; init containers and batch pods do not. */
export function missingProbeCases(probe: 'livenessProbe' | 'readinessProbe', expected: Expected): CaseTable {
  return {
    valid: [
      {
        name: 'probe set; init container without one is fine',
        objects: workload('Deployment', `
          initContainers: [{name: init, image: x:1}]
          containers: [{name: app, image: x:1, ${probe}: ${PROBE}}]`),
      },
      { name: 'Job is not applicable', objects: workload('Job', 'restartPolicy: Never\ncontainers: [{name: app, image: x:1}]'), status: 'not-applicable' },
      {
        name: 'Pod controlled by a Job is not applicable',
        objects: `
apiVersion: v1
kind: Pod
metadata:
  name: j-abcde
  namespace: a
  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: j, uid: u1, controller: true}]
spec: {restartPolicy: Never, containers: [{name: app, image: x:1}]}
`,
        status: 'not-applicable',
      },
    ],
    invalid: [
      { name: 'Pod without probe', objects: pod({ image: 'x:1' }), ...expected, paths: [`spec.containers[0].${probe}`], messageIncludes: '"app"' },
      {
        name: 'second container of a StatefulSet template',
        objects: workload('StatefulSet', `containers: [{name: app, image: x:1, ${probe}: ${PROBE}}, {name: sidecar, image: y:1}]`),
        ...expected,
        paths: [`spec.template.spec.containers[1].${probe}`],
        messageIncludes: '"sidecar"',
      },
    ],
  };
}

// --- tenancy: default-deny NetworkPolicies -----------------------------------------------------

/** A tenant namespace needs a policy that selects every pod for `direction`; one for the other direction does not count. */
export function defaultDenyCases(direction: 'Ingress' | 'Egress', expected: Expected): CaseTable {
  const other = direction === 'Ingress' ? 'Egress' : 'Ingress';
  return {
    valid: [
      { name: `namespace-wide ${direction} policy`, objects: TENANT_NS + networkPolicy('deny', `{podSelector: {}, policyTypes: [${direction}]}`) },
      {
        name: 'namespace-wide policy that allows some traffic still isolates all pods',
        objects: TENANT_NS + networkPolicy('same-ns', `
          podSelector: {}
          policyTypes: [Ingress, Egress]
          ingress: [{from: [{podSelector: {}}]}]
          egress: [{to: [{podSelector: {}}]}]`),
      },
      { name: 'not a tenant namespace', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: tools}\n', status: 'not-applicable' },
    ],
    invalid: [
      { name: 'no policy at all', objects: TENANT_NS, ...expected, paths: ['NetworkPolicy'], messageIncludes: 'acme' },
      { name: 'only a policy for some pods', objects: TENANT_NS + networkPolicy('web', '{podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress, Egress]}'), ...expected },
      { name: 'namespace-wide policy of the other direction only', objects: TENANT_NS + networkPolicy('other', `{podSelector: {}, policyTypes: [${other}]}`), ...expected },
    ],
  };
}

// --- control plane: the API server's authorizer chain --------------------------------------------

/** The API server with `--authorization-config` pointing at the file `authzConfigMap` holds. */
export const WITH_AUTHZ_CONFIG = APISERVER.pod('--authorization-config=/etc/kubernetes/authz.yaml');

/** The passing cases every authorization-mode rule shares: Node and RBAC, by flag or by a visible config file. */
export function authorizerValidCases(): ValidCase[] {
  return [
    { name: 'Node,RBAC', objects: APISERVER.pod('--authorization-mode=Node,RBAC') },
    { name: '--authorization-config with Node and RBAC (visible)', objects: WITH_AUTHZ_CONFIG + authzConfigMap(['Node', 'RBAC']) },
    { name: '--authorization-config not visible: unknown, not fail', objects: WITH_AUTHZ_CONFIG, status: 'unknown' },
    { name: 'control plane not visible', objects: NO_CONTROL_PLANE, status: 'not-applicable' },
  ];
}

/** tenancy/default-deny-*: the extra demand on a tenant with the hard isolation profile (a namespace-wide policy that denies). */
export function hardDefaultDenyCases(direction: 'Ingress' | 'Egress', notDenying: Expected): CaseTable {
  const hard = (c: { tenancy: { tenants: unknown[] } }): void => {
    c.tenancy.tenants = [{ name: 'acme', namespaces: ['a1'], isolation: 'hard' }];
  };
  return {
    valid: [
      { name: `hard tenant: namespace-wide ${direction} policy with no rules`, objects: TENANT_NS + networkPolicy('deny', `{podSelector: {}, policyTypes: [${direction}]}`), config: hard },
      {
        name: 'hard tenant: a denying policy beside a namespace-wide allow',
        objects: TENANT_NS + networkPolicy('deny', '{podSelector: {}, policyTypes: [Ingress, Egress]}') + networkPolicy('same-ns', '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {}}]}], egress: [{to: [{podSelector: {}}]}]}'),
        config: hard,
      },
    ],
    invalid: [
      {
        name: 'hard tenant: the only namespace-wide policy also allows traffic',
        objects: TENANT_NS + networkPolicy('same-ns', '{podSelector: {}, policyTypes: [Ingress, Egress], ingress: [{from: [{podSelector: {}}]}], egress: [{to: [{podSelector: {}}]}]}'),
        config: hard,
        ...notDenying,
        messageIncludes: 'a1/same-ns',
      },
      { name: 'hard tenant: no policy at all', objects: TENANT_NS, config: hard, messages: ['missing'] },
    ],
  };
}
