import { defineRule } from '../../engine/rule.js';
import type { Evidence } from '../../model/result.js';
import { SIGNATURE_POLICY_KINDS, signatureLookalikes, signaturePolicies } from '../../analysis/image-signature.js';
import { tenantModelFor } from '../../analysis/tenants.js';
import { listText } from '../tenancy/common.js';

/**
 * Whether an enforcing image-signature admission policy covers every tenant namespace. Offline, an
 * input without any such policy says nothing about the cluster (exports and app manifests rarely
 * hold them), so that is `unknown`, never a pass or a guessed fail.
 */
export default defineRule({
  meta: {
    id: 'admission/image-signature',
    title: 'An image-signature admission policy must cover every tenant namespace',
    description:
      'A registry allow-list says where an image comes from, not who built it: a pushed-over tag or a compromised registry still passes. A signature check at admission (Kyverno verifyImages or ImageValidatingPolicy, sigstore policy-controller ClusterImagePolicy, Ratify, Connaisseur) only admits images signed by a trusted key or identity. It must enforce (not audit or warn) and select the tenants’ namespaces; policy-controller only enforces in namespaces labelled policy.sigstore.dev/include=true unless its webhook was changed. Connaisseur counts through its webhook on pods (failurePolicy Fail, its namespaceSelector); its detection mode and per-image validators live in its own configuration, which is not read. A ValidatingAdmissionPolicy cannot verify a signature (CEL has no registry or key access) and does not count; the ones that check images are named in the evidence. Coverage that CEL matchConditions, Kyverno preconditions or an objectSelector decide per request is not guessed: unknown, unless some namespace is left uncovered outright.',
    remediation:
      'Deploy a signature-verifying admission controller in enforce mode and make it select every tenant namespace (for policy-controller, label them policy.sigstore.dev/include=true; for Kyverno, set failureAction: Enforce and match Pods in those namespaces).',
    severity: 'high',
    category: 'security',
    references: [
      { framework: 'Microsoft Threat Matrix', id: 'MS-TA9002 Compromised image in registry' },
      { framework: 'MITRE ATT&CK', id: 'T1525 Implant Internal Image' },
    ],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: { uncovered: 'No enforcing image-signature policy covers {{count}} tenant namespace(s): {{namespaces}}' },
  },
  check(ctx) {
    const tenants = tenantModelFor(ctx.snapshot, ctx.config).tenants();
    if (tenants.length === 0) {
      ctx.notApplicable('no tenants');
      return;
    }
    const policies = signaturePolicies(ctx.snapshot);
    const enforcing = policies.filter((p) => p.enforcing);
    const uncovered: string[] = [];
    /** Namespaces only covered by a policy whose coverage depends on the request, with why. */
    const depends: string[] = [];
    const usedBy = new Set<string>();
    for (const t of tenants) {
      for (const ns of t.namespaces) {
        const labels = { 'kubernetes.io/metadata.name': ns, ...(ctx.snapshot.namespace(ns)?.metadata.labels ?? {}) };
        const verdicts = enforcing.map((p) => ({ p, c: p.covers(ns, labels) }));
        const hits = verdicts.filter((v) => v.c === true);
        const maybe = verdicts.flatMap((v) => (typeof v.c === 'object' ? [`${v.p.ref}: ${v.c.depends}`] : []));
        if (hits.length === 0 && maybe.length === 0) uncovered.push(`${ns} (${t.name})`);
        else if (hits.length === 0) depends.push(`${ns} (${t.name}) by ${maybe.join('; ')}`);
        for (const v of hits) usedBy.add(v.p.ref);
      }
    }
    const audit = policies.filter((p) => !p.enforcing).map((p) => p.ref);
    const evidence: Evidence[] = [
      { path: 'image-signature policies', actual: policies.length === 0 ? 'none in the input' : { enforcing: enforcing.map((p) => p.ref), auditOnly: audit }, expected: 'an enforcing policy selecting every tenant namespace' },
    ];
    const lookalikes = signatureLookalikes(ctx.snapshot);
    if (lookalikes.length > 0) evidence.push({ path: 'ValidatingAdmissionPolicies on images', actual: lookalikes, expected: 'not counted: CEL cannot verify a signature' });
    if (uncovered.length === 0 && depends.length > 0) {
      ctx.unknown(`coverage depends on each request for ${listText(depends, 3)}: not judged`);
      return;
    }
    if (uncovered.length === 0) {
      ctx.pass(undefined, {}, [...evidence, { path: 'covering policies', actual: [...usedBy].sort(), expected: 'an enforcing policy selecting every tenant namespace' }]);
      return;
    }
    const gaps = SIGNATURE_POLICY_KINDS.map((k) => ctx.snapshot.gapFor(k)).filter((g) => g !== undefined);
    if (gaps.length > 0) {
      ctx.unknown(`${gaps.map((g) => `${g.kind} (${g.code})`).join(', ')} could not be read: whether a signature policy covers ${listText(uncovered)} is not known`);
      return;
    }
    if (ctx.snapshot.mode === 'offline' && policies.length === 0) {
      ctx.unknown('the input holds no Kyverno, sigstore policy-controller, Ratify or Connaisseur policy: an offline input may simply not include them (scan live, or add the cluster’s policies to the input)');
      return;
    }
    ctx.fail('uncovered', { count: uncovered.length, namespaces: listText(uncovered, 6) }, [
      ...evidence,
      { path: 'tenant namespaces', actual: uncovered, expected: 'covered by an enforcing image-signature policy' },
      ...(depends.length > 0 ? [{ path: 'tenant namespaces covered per request', actual: depends, expected: 'covered whatever the request' }] : []),
    ]);
  },
});
