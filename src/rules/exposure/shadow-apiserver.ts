import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, containersOf, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import { imageRepository } from './common.js';

const APISERVER_IMAGE = /(^|\/)kube-apiserver(-(amd64|arm64|arm|ppc64le|s390x))?$/;
const SYSTEM = 'kube-system';

/** `--flag=value` or `--flag value` in a container's command and args. */
function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
    if (a === `--${name}` && i + 1 < argv.length) return argv[i + 1];
  }
  return undefined;
}

/** Pods running kube-apiserver outside kube-system: a second API server, beside the audited one. */
export default defineRule({
  meta: {
    id: 'exposure/shadow-apiserver',
    title: 'kube-apiserver should run only in kube-system',
    description:
      'A "shadow" API server is a second kube-apiserver started against the cluster\'s etcd (or a copy of its data) with its own flags: anonymous access, `--authorization-mode=AlwaysAllow`, no audit log, no admission. It serves the real cluster state while bypassing every control the real API server enforces, and nothing in the cluster\'s own audit trail shows its requests. The control plane\'s API servers run in kube-system (static pods, or managed outside the cluster); one in any other namespace is either an attacker\'s, or a virtual control plane (vcluster, Kamaji, HyperShift) that should be inventoried and waived by name.',
    remediation:
      'Find out who created it (managedFields, the owning controller) and remove it if it is not a known virtual control plane. Keep etcd client certificates out of reach (no hostPath to /etc/kubernetes/pki), restrict who can create pods on control-plane nodes, and waive known virtual control planes explicitly.',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'MITRE ATT&CK', id: 'T1610 Deploy Container' },
      { framework: 'MITRE ATT&CK', id: 'T1562 Impair Defenses' },
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    context: 'namespace',
    messages: { shadow: '{{kind}} {{name}} runs kube-apiserver ({{container}}: {{image}}) outside kube-system{{detail}}' },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const servers = containersOf(view).filter((c) => {
      const image = typeof c.container.image === 'string' ? imageRepository(c.container.image) : '';
      const cmd = (c.container.command ?? [])[0];
      return APISERVER_IMAGE.test(image) || (typeof cmd === 'string' && /(^|\/)kube-apiserver$/.test(cmd));
    });
    if (servers.length === 0) return ctx.notApplicable('runs no kube-apiserver');
    const ns = ctx.target.metadata.namespace ?? 'default';
    if (ns === SYSTEM) return ctx.pass(undefined, {}, [{ path: 'metadata.namespace', actual: ns, expected: SYSTEM }]);
    for (const c of servers) {
      const argv = [...(c.container.command ?? []), ...(c.container.args ?? [])];
      const settings = [
        ['authorization-mode', flag(argv, 'authorization-mode')],
        ['anonymous-auth', flag(argv, 'anonymous-auth')],
        ['etcd-servers', flag(argv, 'etcd-servers')],
      ].filter((kv): kv is [string, string] => kv[1] !== undefined);
      const detail = settings.length ? ` with ${settings.map(([k, v]) => `--${k}=${v}`).join(' ')}` : '';
      ctx.fail('shadow', { kind: ctx.target.kind, name: ctx.target.metadata.name, container: c.name, image: String(c.container.image ?? ''), detail }, [
        { path: 'metadata.namespace', actual: ns, expected: SYSTEM },
        { path: `${c.path}.image`, actual: c.container.image ?? null, expected: 'no kube-apiserver outside the control plane' },
      ]);
    }
  },
});
