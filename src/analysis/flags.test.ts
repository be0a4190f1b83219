import { describe, expect, it } from 'vitest';
import { yamlObjects } from '../../test/helpers/rule-tester.js';
import { Snapshot } from '../inventory/snapshot.js';
import { componentInstances, componentOfPod, flagsOfPod, parseFlags, visibleConfigFile } from './flags.js';

describe('parseFlags', () => {
  const cases: { argv: string[]; want: [string, string][] }[] = [
    { argv: ['kube-apiserver', '--a=1', '--b', '2'], want: [['a', '1'], ['b', '2']] },
    { argv: ['--bool', '--x=y'], want: [['bool', 'true'], ['x', 'y']] },
    { argv: ['--last'], want: [['last', 'true']] },
    { argv: ['--empty='], want: [['empty', '']] },
    { argv: ['-v', '2', '--k=a=b'], want: [['v', '2'], ['k', 'a=b']] },
    { argv: ['etcd', 'positional', '--n', '--m', 'v'], want: [['n', 'true'], ['m', 'v']] },
  ];
  for (const c of cases) {
    it(c.argv.join(' '), () => {
      expect(parseFlags(c.argv).map((f) => [f.name, f.value])).toEqual(c.want);
    });
  }
});

const pod = (command: string, args = '[]', labels = '{component: kube-apiserver}') => `
apiVersion: v1
kind: Pod
metadata: {name: kube-apiserver-n1, namespace: kube-system, labels: ${labels}}
spec:
  containers:
  - name: kube-apiserver
    command: ${command}
    args: ${args}
`;

describe('component flags from pods', () => {
  it('reads command and args, repeated list flags and last-wins scalars', () => {
    const [p] = yamlObjects(
      pod('[kube-apiserver, --enable-admission-plugins=NodeRestriction, --profiling=true]', '[--enable-admission-plugins, "EventRateLimit,AlwaysPullImages", --profiling=false]'),
    );
    const f = flagsOfPod(p!, 'kube-apiserver');
    expect(f.list('enable-admission-plugins')).toEqual(['NodeRestriction', 'EventRateLimit', 'AlwaysPullImages']);
    expect(f.get('profiling')).toBe('false');
    expect(f.path('profiling')).toBe('Pod/kube-system/kube-apiserver-n1 spec.containers[0].args[2]');
    expect(f.path('enable-admission-plugins')).toBe('Pod/kube-system/kube-apiserver-n1 spec.containers[0].args[0]');
    expect(f.has('anonymous-auth')).toBe(false);
  });

  it('map flags', () => {
    const [p] = yamlObjects(pod('[kube-controller-manager, "--feature-gates=A=true,RotateKubeletServerCertificate=false"]', '[]', '{}'));
    expect(componentOfPod(p!)).toBe('kube-controller-manager');
    expect(flagsOfPod(p!, 'kube-controller-manager').map('feature-gates').get('RotateKubeletServerCertificate')).toBe('false');
  });

  it('matches by command when the label is missing, ignores other pods', () => {
    const objs = yamlObjects(pod('[/usr/local/bin/etcd, --client-cert-auth=true]', '[]', '{}') + '\n---\n' + pod('[nginx]', '[]', '{app: web}').replace('kube-apiserver-n1', 'web'));
    const snap = new Snapshot({ objects: objs, source: 't', mode: 'offline' });
    expect(componentInstances(snap, 'etcd').map((i) => i.get('client-cert-auth'))).toEqual(['true']);
    expect(componentInstances(snap, 'kube-apiserver')).toEqual([]);
  });
});

describe('kubeadm-config fallback and visible config files', () => {
  const cm = (cfg: string) => `
apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data:
  ClusterConfiguration: |
${cfg.split('\n').map((l) => '    ' + l).join('\n')}
`;
  it('v1beta3 map extraArgs override kubeadm defaults', () => {
    const snap = new Snapshot({ objects: yamlObjects(cm('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    authorization-mode: AlwaysAllow\n    profiling: "false"')), source: 't', mode: 'offline' });
    const [f] = componentInstances(snap, 'kube-apiserver');
    expect(f?.origin).toBe('kubeadm-config');
    expect(f?.get('authorization-mode')).toBe('AlwaysAllow');
    expect(f?.get('profiling')).toBe('false');
    expect(f?.get('client-ca-file')).toBe('/etc/kubernetes/pki/ca.crt');
    expect(f?.path('profiling')).toBe('ConfigMap/kube-system/kubeadm-config data.ClusterConfiguration.apiServer.extraArgs.profiling');
  });
  it('v1beta4 list extraArgs; external etcd is not visible', () => {
    const snap = new Snapshot({ objects: yamlObjects(cm('apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nscheduler:\n  extraArgs:\n  - {name: bind-address, value: 0.0.0.0}\netcd:\n  external: {endpoints: [https://e:2379]}')), source: 't', mode: 'offline' });
    expect(componentInstances(snap, 'kube-scheduler')[0]?.get('bind-address')).toBe('0.0.0.0');
    expect(componentInstances(snap, 'etcd')).toEqual([]);
  });
  it('finds a config file by base name and kind', () => {
    const snap = new Snapshot({
      objects: yamlObjects(`
apiVersion: v1
kind: ConfigMap
metadata: {name: authz, namespace: kube-system}
data:
  authz.yaml: |
    apiVersion: apiserver.config.k8s.io/v1
    kind: AuthorizationConfiguration
    authorizers: [{type: Node, name: node}, {type: RBAC, name: rbac}]
`),
      source: 't',
      mode: 'offline',
    });
    expect(visibleConfigFile(snap, '/etc/kubernetes/authz.yaml', 'AuthorizationConfiguration')?.content['authorizers']).toHaveLength(2);
    expect(visibleConfigFile(snap, '/etc/kubernetes/authz.yaml', 'AuthenticationConfiguration')).toBeUndefined();
  });
});
