import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './runtime-class.js';
import { docs, namespaceYaml } from './fixtures.js';

const untrusted = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'initech', namespaces: ['i1'], untrusted: true }];
};
const hard = (c: { tenancy: { tenants: unknown[] } }): void => {
  c.tenancy.tenants = [{ name: 'initech', namespaces: ['i1'], isolation: 'hard' }];
};
const pod = (rc?: string): string =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: i1}\nspec: {${rc ? `runtimeClassName: ${rc}, ` : ''}containers: [{name: c, image: nginx:1.27}]}\n`;
const rc = (name: string, handler: string): string => `apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: ${name}}\nhandler: ${handler}\n`;
const NS = namespaceYaml('i1');

testRule(rule, {
  valid: [
    { name: 'gVisor RuntimeClass (untrusted: true means hard)', objects: docs(pod('gvisor'), NS, rc('gvisor', 'runsc')), config: untrusted },
    { name: 'Kata handler matches the kata-* glob', objects: docs(pod('kata'), NS, rc('kata', 'kata-qemu')), config: hard },
    { name: 'a site handler added to tenancy.sandboxHandlers', objects: docs(pod('vm'), NS, rc('vm', 'firecracker')), config: (c) => { hard(c); c.tenancy.sandboxHandlers = ['firecracker']; } },
    { name: 'soft tenant (label only)', objects: docs(pod(), namespaceYaml('a1', 'acme')).replace('namespace: i1', 'namespace: a1'), status: 'not-applicable' },
    { name: 'tenant with isolation: soft', objects: docs(pod(), NS), config: (c) => { c.tenancy.tenants = [{ name: 'initech', namespaces: ['i1'], isolation: 'soft' }]; }, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no runtimeClassName', objects: docs(pod(), NS), config: hard, messages: ['missing'], paths: ['spec.runtimeClassName'] },
    { name: 'missing RuntimeClass', objects: docs(pod('kata'), NS), config: untrusted, messages: ['unknownClass'] },
    { name: 'runc handler', objects: docs(pod('plain'), NS, rc('plain', 'runc')), config: untrusted, messages: ['notSandboxed'], messageIncludes: 'runc' },
    { name: 'a handler not in the sandbox list (nvidia)', objects: docs(pod('gpu'), NS, rc('gpu', 'nvidia')), config: hard, messages: ['notSandboxed'], messageIncludes: 'runsc, runsc-*, gvisor, kata, kata-*' },
  ],
});
