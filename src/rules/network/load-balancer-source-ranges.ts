import { peer } from '../../model/result.js';
import { defineRule } from '../../engine/rule.js';
import { isRecord, type K8sObject } from '../../model/k8s.js';

/** The annotation the cloud providers read when `spec.loadBalancerSourceRanges` is empty (comma-separated CIDRs). */
export const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** The AWS Load Balancer Controller's scheme annotation: `internet-facing` overrides everything that says internal. */
const AWS_SCHEME = 'service.beta.kubernetes.io/aws-load-balancer-scheme';

/** Annotations that make the cloud provider create an internal (private-network) load balancer, with the value test. */
const INTERNAL_ANNOTATIONS: readonly { key: string; internal: (value: string) => boolean }[] = [
  // In-tree AWS: any value but "false" (old docs used "0.0.0.0/0" as the value).
  { key: 'service.beta.kubernetes.io/aws-load-balancer-internal', internal: (v) => v !== '' && v.toLowerCase() !== 'false' },
  { key: AWS_SCHEME, internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'networking.gke.io/load-balancer-type', internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'cloud.google.com/load-balancer-type', internal: (v) => v.toLowerCase() === 'internal' },
  { key: 'service.beta.kubernetes.io/azure-load-balancer-internal', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'service.beta.kubernetes.io/openstack-internal-load-balancer', internal: (v) => v.toLowerCase() === 'true' },
  { key: 'service.beta.kubernetes.io/oci-load-balancer-internal', internal: (v) => v.toLowerCase() === 'true' },
];

const EXPECTED = 'the CIDR ranges of the clients that need access (not 0.0.0.0/0 or ::/0)';

function annotationsOf(obj: K8sObject): Record<string, string> {
  const a = obj.metadata.annotations;
  return a ?? {};
}

export interface InternalReason {
  /** Where it is said: the annotation or `spec.loadBalancerClass`. */
  path: string;
  value: string;
  text: string;
}

/** Why the load balancer is not internet-facing, or undefined when it is (or may be). */
export function internalReason(svc: K8sObject, spec: Record<string, unknown>): InternalReason | undefined {
  const annotations = annotationsOf(svc);
  if ((annotations[AWS_SCHEME] ?? '').trim().toLowerCase() === 'internet-facing') return undefined;
  for (const a of INTERNAL_ANNOTATIONS) {
    const value = annotations[a.key];
    if (value !== undefined && a.internal(value.trim())) return { path: `metadata.annotations["${a.key}"]`, value, text: `annotation ${a.key}: "${value}" asks for an internal load balancer` };
  }
  const cls = spec['loadBalancerClass'];
  if (typeof cls === 'string' && cls !== '') {
    return { path: 'spec.loadBalancerClass', value: cls, text: `spec.loadBalancerClass ${cls} hands it to another load-balancer implementation, not the cloud provider’s default external one` };
  }
  return undefined;
}

/**
 * The source ranges the load balancer enforces: `spec.loadBalancerSourceRanges` when it has
 * entries, otherwise the annotation (as the cloud-provider helper reads them).
 */
export function sourceRanges(svc: K8sObject, spec: Record<string, unknown>): { ranges: string[]; from: 'spec' | 'annotation' | 'none' } {
  const field = Array.isArray(spec['loadBalancerSourceRanges']) ? (spec['loadBalancerSourceRanges'] as unknown[]).filter((r): r is string => typeof r === 'string') : [];
  const inSpec = field.map((r) => r.trim()).filter((r) => r !== '');
  if (inSpec.length > 0) return { ranges: inSpec, from: 'spec' };
  const annotation = annotationsOf(svc)[SOURCE_RANGES_ANNOTATION];
  const fromAnnotation = (annotation ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (fromAnnotation.length > 0) return { ranges: fromAnnotation, from: 'annotation' };
  return { ranges: [], from: 'none' };
}

/** A prefix length of 0 (`0.0.0.0/0`, `::/0`, or any address with /0) covers every address. */
export function coversEverything(cidr: string): boolean {
  return /^[^/]+\/0+$/.test(cidr.trim());
}

/**
 * A LoadBalancer Service without source ranges accepts connections from every address the load
 * balancer is reachable from, which for the cloud providers' default external load balancers is the
 * internet. tenancy/service-exposure covers tenant namespaces only; this covers every namespace.
 */
export default defineRule({
  meta: {
    id: 'network/load-balancer-source-ranges',
    title: 'LoadBalancer Services must restrict their source ranges',
    description:
      'A Service of type LoadBalancer makes the cloud provider create an external load balancer that accepts traffic from any address unless spec.loadBalancerSourceRanges (or the service.beta.kubernetes.io/load-balancer-source-ranges annotation) lists the allowed client CIDRs; 0.0.0.0/0 or ::/0 is as open as no list.',
    remediation:
      'Set spec.loadBalancerSourceRanges to the client CIDRs that need access, make the load balancer internal (the provider’s internal-load-balancer annotation), or expose the application through the platform’s Ingress or Gateway.',
    severity: 'medium',
    category: 'security',
    references: [peer('kubescape/C-0256')],
    targets: ['Service'],
    scope: 'object',
    context: 'namespace',
    messages: {
      open: 'LoadBalancer Service {{service}} sets no source ranges: it accepts traffic from any address',
      allAddresses: 'LoadBalancer Service {{service}} allows every address through source range {{range}}',
      internal: 'LoadBalancer Service {{service}} is not internet-facing: {{reason}}',
    },
  },
  check(ctx) {
    const svc = ctx.target;
    const spec = isRecord(svc['spec']) ? svc['spec'] : {};
    const type = typeof spec['type'] === 'string' ? spec['type'] : 'ClusterIP';
    if (type !== 'LoadBalancer') return ctx.notApplicable(`type ${type}, not LoadBalancer`);
    const service = `${svc.metadata.namespace ?? ''}/${svc.metadata.name}`;
    const internal = internalReason(svc, spec);
    if (internal !== undefined) return ctx.pass('internal', { service, reason: internal.text }, [{ path: internal.path, actual: internal.value, expected: 'an internal load balancer, or source ranges' }]);
    const { ranges, from } = sourceRanges(svc, spec);
    const path = from === 'annotation' ? `metadata.annotations["${SOURCE_RANGES_ANNOTATION}"]` : 'spec.loadBalancerSourceRanges';
    if (ranges.length === 0) return ctx.fail('open', { service }, [{ path: 'spec.loadBalancerSourceRanges', actual: 'unset', expected: EXPECTED }]);
    const everything = ranges.find(coversEverything);
    if (everything !== undefined) return ctx.fail('allAddresses', { service, range: everything }, [{ path, actual: ranges, expected: EXPECTED }]);
    ctx.pass(undefined, {}, [{ path, actual: ranges, expected: EXPECTED }]);
  },
});
