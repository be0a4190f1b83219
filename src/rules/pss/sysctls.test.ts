import { PINNED_NS, pinned, pod as podWith, workload } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './sysctls.js';

const pod = (names: string[], namespace = 'a') => podWith({ securityContext: `{sysctls: [${names.map((n) => `{name: ${n}, value: "1"}`).join(', ')}]}`, namespace });

testRule(rule, {
  valid: [
    { name: 'no sysctls', objects: pod([]) },
    { name: 'base list', objects: pod(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']) },
    { name: 'v1.32 additions at latest', objects: pod(['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.ip_local_reserved_ports']) },
    { name: 'v1.27 addition at v1.27', objects: pod(['net.ipv4.ip_local_reserved_ports'], PINNED_NS) + pinned('v1.27') },
    {
      name: 'v1.37 additions on a v1.37 API server',
      objects: pod(['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']),
      config: (c) => {
        c.kubernetesVersion = '1.37';
      },
    },
    { name: 'unparseable pin evaluates as latest', objects: pod(['net.ipv4.tcp_rmem'], PINNED_NS) + pinned('"1.26"') },
  ],
  invalid: [
    {
      name: 'kernel.msgmax',
      objects: pod(['kernel.msgmax']),
      messages: ['sysctl'],
      paths: ['spec.securityContext.sysctls[0].name'],
      messageIncludes: 'kernel.msgmax',
    },
    { name: 'slash form is not normalised', objects: pod(['net/ipv4/tcp_syncookies']), messages: ['sysctl'] },
    { name: 'v1.32 addition at v1.31', objects: pod(['net.ipv4.tcp_wmem'], PINNED_NS) + pinned('v1.31'), messages: ['sysctl'], paths: ['spec.securityContext.sysctls[0].name'] },
    { name: 'v1.37 addition at v1.36', objects: pod(['net.ipv4.tcp_notsent_lowat'], PINNED_NS) + pinned('v1.36'), messages: ['sysctl'], messageIncludes: 'safe set of v1.36' },
    {
      name: 'v1.37 addition on a v1.36 API server (latest there is v1.36)',
      objects: pod(['net.ipv4.tcp_slow_start_after_idle']),
      config: (c) => {
        c.kubernetesVersion = '1.36';
      },
      messages: ['sysctl'],
    },
    { name: 'v1.29 addition at v1.28', objects: pod(['net.ipv4.tcp_fin_timeout'], PINNED_NS) + pinned('v1.28'), messages: ['sysctl'] },
    { name: 'v1.27 addition at v1.26', objects: pod(['net.ipv4.ip_local_reserved_ports'], PINNED_NS) + pinned('v1.26'), messages: ['sysctl'] },
    {
      name: 'Deployment template',
      objects: workload('Deployment', `
        securityContext: {sysctls: [{name: kernel.shm_rmid_forced, value: "0"}, {name: net.core.somaxconn, value: "1024"}]}
        containers: [{name: app, image: x:1}]`),
      messages: ['sysctl'],
      paths: ['spec.template.spec.securityContext.sysctls[1].name'],
    },
  ],
});
