import { defineRule } from '../../engine/rule.js';
import { WORKLOAD_KINDS, isManagedByScannedController, podSpecOf } from '../../engine/workloads.js';
import { globMatch } from '../../engine/glob.js';
import { egressToAddress, parseAddress } from '../../analysis/network/external.js';
import { allows } from '../../analysis/network/ports.js';
import type { Cidr } from '../../analysis/network/cidr.js';
import { networkOf } from '../tenancy/common.js';
import { groupsOfWorkload } from './workload-policy-coverage.js';

/**
 * Instance metadata endpoints: 169.254.169.254 (AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean…),
 * fd00:ec2::254 (AWS IMDS over IPv6) and 100.100.100.200 (Alibaba Cloud). All serve plain HTTP on TCP/80.
 */
export const METADATA_ADDRESSES: readonly string[] = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];
const METADATA_PORT = 80;

function addressesOf(option: unknown): Cidr[] {
  const list = Array.isArray(option) && option.every((a) => typeof a === 'string') ? (option as string[]) : METADATA_ADDRESSES;
  return list.map(parseAddress).filter((c): c is Cidr => c !== undefined);
}

/** Pods that can open TCP/80 to the cloud metadata endpoint, with the NetworkPolicy model (no Egress policy = allowed). */
export default defineRule({
  meta: {
    id: 'network/cloud-metadata-egress',
    title: 'Pods should not reach the cloud instance metadata endpoint',
    description:
      'The instance metadata service (169.254.169.254, fd00:ec2::254 on AWS IPv6, 100.100.100.200 on Alibaba Cloud) hands out the node\'s cloud credentials, bootstrap data and kubelet credentials to anything that asks from the node\'s network, pods included. A pod with no Egress NetworkPolicy, or one whose egress allows 0.0.0.0/0 without excepting the address, can read them: one SSRF in an application becomes the node\'s cloud identity. Reachability is computed with the NetworkPolicy model (ipBlock with except, IPv4 and IPv6 separately, ports), for TCP port 80 where these services listen; pod and namespace selectors never match the address. hostNetwork pods are outside NetworkPolicy and fail unless blocked on the node. Workloads in system namespaces are not applicable (cloud controllers and CNI agents there use the endpoint by design).',
    remediation:
      'Give every namespace a default-deny Egress policy, and write egress to the internet as `ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}` (and `::/0` except `fd00:ec2::254/128`, 100.100.100.200/32 on Alibaba Cloud). On the node, also require IMDSv2 with a hop limit of 1 (AWS), GKE Workload Identity / metadata concealment, or the equivalent.',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9033 Instance Metadata API' },
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9028 Access managed identity credentials' },
      { framework: 'Microsoft Threat Matrix', id: 'MS-M9018 Restricting cloud metadata API access' },
      { framework: 'MITRE ATT&CK', id: 'T1552.005 Cloud Instance Metadata API' },
    ],
    targets: WORKLOAD_KINDS,
    scope: 'object',
    requires: ['NetworkPolicy', 'Pod'],
    messages: {
      reachable: '{{kind}} {{name}}: its pods can reach the cloud metadata endpoint {{addresses}} ({{why}})',
      hostNetwork: '{{kind}} {{name}} uses the host network: NetworkPolicy cannot keep it from the cloud metadata endpoint',
    },
  },
  check(ctx) {
    const view = podSpecOf(ctx.target);
    if (!view) return ctx.notApplicable(`${ctx.target.kind} has no pod spec`);
    if (isManagedByScannedController(ctx.target, ctx.snapshot)) return ctx.notApplicable('checked on its controller');
    const ns = ctx.target.metadata.namespace ?? 'default';
    if (ctx.config.tenancy.systemNamespaces.some((g) => globMatch(g, ns))) return ctx.notApplicable('system namespace');
    const data = { kind: ctx.target.kind, name: ctx.target.metadata.name };
    const specPath = view.path;
    if (view.spec.hostNetwork === true) {
      return ctx.fail('hostNetwork', data, [{ path: `${specPath}.hostNetwork`, actual: true, expected: 'pod networking, where an Egress policy can block the metadata endpoint' }]);
    }
    const groups = groupsOfWorkload(networkOf(ctx), ctx.snapshot, ctx.target);
    if (groups.length === 0) return ctx.notApplicable('no running pod of this workload takes part in pod networking');
    const labels = ctx.target.kind === 'Pod' ? 'metadata.labels' : specPath.replace(/\.spec$/, '.metadata.labels');
    const reached: string[] = [];
    const open = new Set<string>();
    const allowing = new Set<string>();
    const egress = new Set<string>();
    const addresses = addressesOf(ctx.options['addresses']);
    for (const address of addresses) {
      for (const g of groups) {
        for (const p of g.egressPolicies) egress.add(p.key);
        const d = egressToAddress(g, address);
        if (!allows(d.allowed, METADATA_PORT, 'TCP')) continue;
        if (!reached.includes(address.text)) reached.push(address.text);
        if (!d.isolated) open.add(g.id);
        for (const p of d.policies) allowing.add(p);
      }
    }
    if (reached.length === 0) {
      return ctx.pass(undefined, {}, [{ path: labels, actual: { egressPolicies: [...egress] }, expected: `no egress to ${addresses.map((a) => a.text).join(', ')} on TCP/${METADATA_PORT}` }]);
    }
    const why = [open.size > 0 ? 'no Egress NetworkPolicy selects them' : '', allowing.size > 0 ? `allowed by ${[...allowing].join(', ')}` : ''].filter((s) => s !== '').join('; ');
    ctx.fail('reachable', { ...data, addresses: reached.join(', '), why }, [
      {
        path: labels,
        actual: { reachable: reached, port: `TCP/${METADATA_PORT}`, egressPolicies: [...egress], allowing: [...allowing] },
        expected: 'an Egress policy whose rules exclude the metadata addresses (ipBlock except, or no rule that reaches them)',
      },
    ]);
  },
});
