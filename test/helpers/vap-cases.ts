/**
 * The VAP differential's policies, bindings, params, namespaces and seeded object generator
 * (test/integration/vap-differential.test.ts), shared with the unit test that checks Palisade
 * evaluates all of them without error offline.
 */
import type { K8sObject } from '../../src/model/k8s.js';
import { seededRandom } from './rng.ts';

export const VAP_DIFF_COUNT = Number(process.env['VAP_DIFF_CASES'] ?? 1100);
export const VAP_DIFF_SEED = Number(process.env['VAP_DIFF_SEED'] ?? 0x7a9_2026);
const SEED = VAP_DIFF_SEED;
const COUNT = VAP_DIFF_COUNT;

type Obj = Record<string, unknown>;
type Rand = () => number;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number): boolean => r() < p;

// --- namespaces and params -----------------------------------------------------------------------

export const NAMESPACES: Record<string, Record<string, string>> = {
  'vapd-a': { vapd: 'true', env: 'prod', team: 'a' },
  'vapd-b': { vapd: 'true', env: 'dev', team: 'b' },
  'vapd-c': { vapd: 'true', env: 'prod', team: 'c' },
  'vapd-params': { vapd: 'params' },
};
export const TARGET_NAMESPACES = ['vapd-a', 'vapd-b', 'vapd-c'];

export const PARAMS: K8sObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'vapd-a' }, data: { max: '5' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'vapd-b' }, data: { max: '2' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owners-1', namespace: 'vapd-params', labels: { 'vapd-param': 'owners' } }, data: { banned: 'team-x' } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owners-2', namespace: 'vapd-params', labels: { 'vapd-param': 'owners' } }, data: { banned: 'team-y' } },
];

// --- generated objects ---------------------------------------------------------------------------

const POOLS: Record<string, readonly string[]> = {
  replicas: ['0', '1', '2', '3', '5', '6', '9', '12', 'abc'],
  cpu: ['100m', '500m', '1', '1500m', '2', '2500m', '1.5', '3', 'abc', '1Ki'],
  mem: ['128Mi', '1Gi', '1536Mi', '2Gi', '512Mi', '1.5Gi', 'bad'],
  url: ['https://api.example.com/v1', 'https://svc.internal:8443/x', 'http://svc.internal/', 'https://example.com:443/a/../b', 'ftp://files.example.com/pub', 'not a url', '/relative/path', 'https://[::1]:8443/'],
  ip: ['10.0.0.1', '10.20.30.40', '192.168.1.10', '127.0.0.1', '::1', 'fe80::1', '8.8.8.8', '2001:db8::1', '0.0.0.0', '999.1.1.1', '169.254.1.1'],
  cidr: ['10.0.0.0/8', '10.1.0.0/16', '192.168.0.0/24', '10.1.2.3/8', '::/0', '2001:db8::/32', 'bad', '10.0.0.0/33'],
  list: ['a,b,c', 'c,b,a', 'b,a', 'a', 'a,bb,c', 'a,b,c,d', 'b'],
  nums: ['1,2,3', '5,5', '9,1', '1,x', '0', '7'],
  owner: ['team-a', 'team-b', 'Team-B', 'team-x', 'team-y', 'xteam', 'ops', 'team-1', 'a-b-c-d-e-f'],
  version: ['v1', 'v2.3', 'v10.4.5', 'release', '1.2.3.4', 'v0'],
  env: ['prod', 'dev'],
  flag: ['on', 'off'],
};
const SUITES = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];

function labels(r: Rand, suite: string): Record<string, string> {
  const l: Record<string, string> = { 'vapd-suite': suite };
  if (chance(r, 0.6)) l['app'] = pick(r, ['web', 'db', 'batch']);
  if (chance(r, 0.5)) l['tier'] = pick(r, ['frontend', 'backend']);
  const extra = Math.floor(r() * 3);
  for (let i = 0; i < extra; i++) l[`x-${pick(r, ['a', 'b', 'c'])}`] = 'y';
  return l;
}

function configMap(r: Rand, name: string, suite: string): K8sObject {
  const cm: K8sObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: pick(r, TARGET_NAMESPACES), labels: labels(r, suite) } };
  if (chance(r, 0.92)) {
    const data: Record<string, string> = {};
    for (const [key, pool] of Object.entries(POOLS)) if (chance(r, key === 'flag' ? 0.7 : 0.45)) data[key] = pick(r, pool);
    // The API server drops an empty data map (omitempty): write the object as it is stored (found by the differential).
    if (Object.keys(data).length > 0) cm['data'] = data;
  }
  return cm;
}

export function generate(seed: number, count: number): K8sObject[] {
  const r = seededRandom(seed);
  const out: K8sObject[] = [];
  for (let i = 0; i < count; i++) {
    const suite = pick(r, SUITES);
    const name = objectName(i, r);
    const roll = r();
    if (suite === 's7' && roll < 0.3) {
      const sa: K8sObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: pick(r, TARGET_NAMESPACES), labels: labels(r, suite) } };
      if (chance(r, 0.7)) sa['automountServiceAccountToken'] = chance(r, 0.5);
      out.push(sa);
    } else if (suite === 's7' && roll < 0.6) {
      const rules = Array.from({ length: Math.floor(r() * 3) }, () => ({
        apiGroups: [''],
        resources: [pick(r, ['pods', 'configmaps', 'services'])],
        verbs: chance(r, 0.3) ? ['*'] : ['get', 'list'],
      }));
      // The API server stores a ClusterRole without rules as `rules: null` (the field is not omitempty), and that
      // is what its policies and a live scan see: the generator writes it so (found by the differential).
      out.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: labels(r, suite) }, rules: rules.length ? rules : null });
    } else {
      out.push(configMap(r, name, suite));
    }
  }
  return out;
}

function objectName(i: number, r: Rand): string {
  return `vapd-${String(i).padStart(4, '0')}${chance(r, 0.3) ? `-${'x'.repeat(1 + Math.floor(r() * 8))}` : ''}`;
}

// --- policies ------------------------------------------------------------------------------------

const CM = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['configmaps'] };
const SA = { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['serviceaccounts'] };

export interface PolicyCase {
  name: string;
  suite: string;
  spec: Obj;
  /** Binding specs (policyName is filled in); default one binding with validationActions [Deny]. */
  bindings?: Obj[];
}

function constraints(suite: string, rules: Obj[] = [CM], extra: Obj = {}): Obj {
  return { resourceRules: rules, namespaceSelector: { matchLabels: { vapd: 'true' } }, objectSelector: { matchLabels: { 'vapd-suite': suite } }, ...extra };
}

function v(expression: string, extra: Obj = {}): Obj {
  return { expression, ...extra };
}

const DENY = [{ validationActions: ['Deny'] }];
const P_CM = { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' } };

/** Name, suite, validations (and spec extras), bindings. */
export const POLICIES: PolicyCase[] = [
  // s0: ints, has(), `in`, Warn-only bindings, a binding namespaceSelector
  { name: 'replicas-max', suite: 's0', spec: { validations: [v('!has(object.data.replicas) || int(object.data.replicas) <= 5', { message: 'replicas must be at most 5' })] } },
  { name: 'replicas-warn', suite: 's0', spec: { validations: [v('!has(object.data.replicas) || int(object.data.replicas) <= 2')] }, bindings: [{ validationActions: ['Warn'] }] },
  { name: 'env-in-prod', suite: 's0', spec: { validations: [v("'env' in object.data", { reason: 'Forbidden' })] }, bindings: [{ validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { env: 'prod' } } } }] },
  // s1: quantity
  { name: 'cpu-below-2', suite: 's1', spec: { validations: [v("!has(object.data.cpu) || quantity(object.data.cpu).isLessThan(quantity('2'))")] } },
  { name: 'cpu-ignore', suite: 's1', spec: { failurePolicy: 'Ignore', validations: [v("!has(object.data.cpu) || quantity(object.data.cpu).compareTo(quantity('1500m')) <= 0")] } },
  { name: 'cpu-is-quantity', suite: 's1', spec: { validations: [v('!has(object.data.cpu) || isQuantity(object.data.cpu)', { messageExpression: "'cpu ' + object.data.cpu + ' is not a quantity'" })] } },
  { name: 'mem-sum', suite: 's1', spec: { validations: [v("!has(object.data.mem) || !isQuantity(object.data.mem) || quantity(object.data.mem).add(quantity('512Mi')).isLessThan(quantity('2Gi'))")] } },
  // s2: url
  { name: 'url-https', suite: 's2', spec: { validations: [v("!has(object.data.url) || (isURL(object.data.url) && url(object.data.url).getScheme() == 'https')")] } },
  { name: 'url-host', suite: 's2', spec: { validations: [v("!has(object.data.url) || !isURL(object.data.url) || !url(object.data.url).getHostname().endsWith('.internal')")] } },
  {
    name: 'url-port',
    suite: 's2',
    spec: {
      matchConditions: [{ name: 'has-url', expression: 'has(object.data.url) && isURL(object.data.url)' }],
      validations: [v("url(object.data.url).getPort() == '' || url(object.data.url).getPort() == '8443'")],
    },
  },
  { name: 'url-path', suite: 's2', spec: { validations: [v("!has(object.data.url) || !isURL(object.data.url) || !url(object.data.url).getEscapedPath().contains('..')")] } },
  // s3: ip / cidr, variables, Audit + Deny bindings
  { name: 'ip-not-loopback', suite: 's3', spec: { validations: [v('!has(object.data.ip) || (isIP(object.data.ip) && !ip(object.data.ip).isLoopback())')] } },
  {
    name: 'ip-v4',
    suite: 's3',
    spec: {
      variables: [{ name: 'addr', expression: "has(object.data.ip) && isIP(object.data.ip) ? object.data.ip : '0.0.0.0'" }],
      validations: [v('ip(variables.addr).family() == 4', { messageExpression: "'not IPv4: ' + variables.addr" })],
    },
  },
  { name: 'cidr-in-10', suite: 's3', spec: { validations: [v("!has(object.data.cidr) || (isCIDR(object.data.cidr) && cidr('10.0.0.0/8').containsCIDR(object.data.cidr))")] } },
  {
    name: 'cidr-contains-ip',
    suite: 's3',
    spec: { validations: [v('!has(object.data.cidr) || !has(object.data.ip) || !isCIDR(object.data.cidr) || !isIP(object.data.ip) || cidr(object.data.cidr).containsIP(ip(object.data.ip))')] },
    bindings: [{ validationActions: ['Audit'] }, { validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { team: 'b' } } } }],
  },
  { name: 'ip-global', suite: 's3', spec: { validations: [v('!has(object.data.ip) || !isIP(object.data.ip) || ip(object.data.ip).isGlobalUnicast()')] } },
  // s4: lists
  { name: 'list-sorted', suite: 's4', spec: { validations: [v("!has(object.data.list) || object.data.list.split(',').isSorted()")] } },
  { name: 'list-short', suite: 's4', spec: { validations: [v("!has(object.data.list) || (object.data.list.split(',').size() <= 3 && object.data.list.split(',').all(x, x.size() == 1))")] } },
  { name: 'nums-sum', suite: 's4', spec: { validations: [v("!has(object.data.nums) || object.data.nums.split(',').map(x, int(x)).sum() < 10")] } },
  { name: 'list-b-first', suite: 's4', spec: { validations: [v("!has(object.data.list) || object.data.list.split(',').indexOf('b') != 0")] } },
  { name: 'nums-max', suite: 's4', spec: { validations: [v("!has(object.data.nums) || object.data.nums.split(',').map(x, int(x)).max() <= 6")] } },
  // s5: strings and regex
  { name: 'owner-regex', suite: 's5', spec: { validations: [v("!has(object.data.owner) || object.data.owner.matches('^team-[a-z]+$')")] } },
  { name: 'owner-lower', suite: 's5', spec: { validations: [v('!has(object.data.owner) || object.data.owner.lowerAscii() == object.data.owner', { messageExpression: "'owner ' + object.data.owner + ' has upper case'" })] } },
  { name: 'version-find', suite: 's5', spec: { validations: [v("!has(object.data.version) || (object.data.version.find('[0-9]+') != '' && int(object.data.version.find('[0-9]+')) >= 2)")] } },
  { name: 'version-findall', suite: 's5', spec: { validations: [v("!has(object.data.version) || object.data.version.findAll('[0-9]+').size() <= 2")] } },
  { name: 'labels-exists-one', suite: 's5', spec: { validations: [v("object.metadata.labels.exists_one(k, k.startsWith('x-'))")] } },
  // s6: params
  {
    name: 'param-max',
    suite: 's6',
    spec: { ...P_CM, validations: [v('!has(object.data.replicas) || int(object.data.replicas) <= int(params.data.max)')] },
    bindings: [{ validationActions: ['Deny'], paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } }],
  },
  {
    name: 'param-selector',
    suite: 's6',
    spec: { ...P_CM, validations: [v('!has(object.data.owner) || object.data.owner != params.data.banned')] },
    bindings: [{ validationActions: ['Deny'], paramRef: { namespace: 'vapd-params', selector: { matchLabels: { 'vapd-param': 'owners' } }, parameterNotFoundAction: 'Allow' } }],
  },
  {
    name: 'param-missing-allow',
    suite: 's6',
    spec: { ...P_CM, validations: [v('false')] },
    bindings: [{ validationActions: ['Deny'], paramRef: { name: 'nope', namespace: 'vapd-params', parameterNotFoundAction: 'Allow' } }],
  },
  {
    name: 'param-missing-ignore',
    suite: 's6',
    spec: { ...P_CM, failurePolicy: 'Ignore', validations: [v('false')] },
    bindings: [{ validationActions: ['Deny'], paramRef: { name: 'nope', namespace: 'vapd-params', parameterNotFoundAction: 'Deny' } }],
  },
  // s7: matching
  { name: 'resource-names', suite: 's7', spec: { matchConstraints: constraints('s7', [{ ...CM, resourceNames: resourceNames() }]), validations: [v('false', { message: 'this name is reserved' })] } },
  {
    name: 'exclude-sa',
    suite: 's7',
    spec: { matchConstraints: constraints('s7', [CM, SA], { excludeResourceRules: [SA] }), validations: [v("'app' in object.metadata.labels")] },
  },
  { name: 'sa-automount', suite: 's7', spec: { matchConstraints: constraints('s7', [SA]), validations: [v('!has(object.automountServiceAccountToken) || !object.automountServiceAccountToken')] } },
  {
    name: 'clusterrole-no-wildcard',
    suite: 's7',
    spec: {
      matchConstraints: constraints('s7', [{ apiGroups: ['rbac.authorization.k8s.io'], apiVersions: ['*'], operations: ['*'], resources: ['*'], scope: 'Cluster' }]),
      validations: [v("!has(object.rules) || object.rules.all(r, !has(r.verbs) || !('*' in r.verbs))")],
    },
  },
  {
    name: 'namespaced-names',
    suite: 's7',
    spec: {
      matchConstraints: constraints('s7', [{ apiGroups: ['', 'rbac.authorization.k8s.io'], apiVersions: ['*'], operations: ['CREATE'], resources: ['*'], scope: 'Namespaced' }]),
      validations: [v('object.metadata.name.size() <= 12')],
    },
  },
  // s8: namespaceObject, request, several bindings, matchConditions errors
  { name: 'namespace-object', suite: 's8', spec: { validations: [v("namespaceObject.metadata.labels.env != 'dev' || !has(object.data.replicas)")] } },
  {
    name: 'request-fields',
    suite: 's8',
    spec: {
      validations: [
        v("request.namespace == object.metadata.namespace && request.name == object.metadata.name && request.operation == 'CREATE' && request.resource.resource == 'configmaps' && request.kind.kind == 'ConfigMap' && oldObject == null"),
      ],
    },
  },
  {
    name: 'multi-binding',
    suite: 's8',
    spec: { validations: [v('object.metadata.name.size() < 14')] },
    bindings: [
      { validationActions: ['Deny'], matchResources: { objectSelector: { matchLabels: { tier: 'frontend' } } } },
      { validationActions: ['Warn'], matchResources: { namespaceSelector: { matchLabels: { env: 'prod' } } } },
    ],
  },
  { name: 'match-cond-error', suite: 's8', spec: { matchConditions: [{ name: 'flag-on', expression: "object.data.flag == 'on'" }], validations: [v('!has(object.data.owner)')] } },
  { name: 'match-cond-ignore', suite: 's8', spec: { failurePolicy: 'Ignore', matchConditions: [{ name: 'flag-on', expression: "object.data.flag == 'on'" }], validations: [v("!has(object.data.version)")] } },
  {
    name: 'owner-strings',
    suite: 's8',
    spec: { validations: [v("!has(object.data.owner) || (object.data.owner.indexOf('-') <= 4 && object.data.owner.replace('-', '').size() > 2 && object.data.owner.substring(0, 1) != 'x')")] },
  },
];

/** The readiness canary: created last, with ConfigMap params, so its denial shows the policies and the param informer are live. */
export const CANARY: PolicyCase = {
  name: 'canary',
  suite: 'canary',
  spec: { ...P_CM, validations: [v("object.metadata.name != 'vapd-canary'")] },
  bindings: [{ validationActions: ['Deny'], paramRef: { name: 'limits', namespace: 'vapd-a', parameterNotFoundAction: 'Deny' } }],
};

/** Names the resource-names policy reserves: every 5th generated object's name (the generator is seeded). */
function resourceNames(): string[] {
  return generate(SEED, COUNT)
    .filter((_, i) => i % 5 === 0)
    .map((o) => o.metadata.name);
}

export function policyObjects(p: PolicyCase): { policy: K8sObject; bindings: K8sObject[] } {
  const name = `vapd-${p.name}`;
  const spec: Obj = { failurePolicy: 'Fail', matchConstraints: constraints(p.suite), ...p.spec };
  const policy: K8sObject = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec };
  const bindings = (p.bindings ?? DENY).map((b, i) => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: `${name}-${i}` },
    spec: { policyName: name, ...b },
  }));
  return { policy, bindings };
}

