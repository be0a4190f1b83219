import { describe, expect, it } from 'vitest';
import { API_LIFECYCLE, apiStatusAt } from '../../analysis/api-lifecycle.js';
import { LIFECYCLE_TARGETS } from './common.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './deprecated-api.js';

const flow = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: PodDisruptionBudget\nmetadata: {name: web, namespace: a}\nspec: {minAvailable: 1}\n`;
const vap = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: ValidatingAdmissionPolicy\nmetadata: {name: p}\nspec: {}\n`;

testRule(rule, {
  valid: [
    { name: 'policy/v1', objects: flow('policy/v1') },
    { name: 'before the deprecation release', objects: flow('policy/v1beta1'), cluster: { version: 'v1.20.15' } },
    { name: 'removed APIs are the other rule', objects: flow('policy/v1beta1'), cluster: { version: 'v1.36.3' } },
  ],
  invalid: [
    {
      name: 'policy/v1beta1 PDB on 1.23',
      objects: flow('policy/v1beta1'),
      cluster: { version: 'v1.23.4' },
      messages: ['deprecated'],
      paths: ['apiVersion'],
      messageIncludes: 'deprecated since Kubernetes 1.21 and removed in 1.25 (judged against v1.23.4 from the API server (/version)): use policy/v1',
    },
    { name: 'a beta API past its planned deprecation', objects: vap('admissionregistration.k8s.io/v1beta1'), cluster: { version: 'v1.32.1' }, messages: ['deprecated'], messageIncludes: 'use admissionregistration.k8s.io/v1' },
  ],
});

// docs/demo-cluster.md says the demo has no versions/deprecated-api case because, at the demo's
// Kubernetes 1.36, no API version of a kind Palisade lists is deprecated but still served. This
// keeps that claim true: when the data or the kinds change, the demo should gain a case.

describe('versions/deprecated-api at the demo cluster\'s 1.36', () => {
  it('no listed kind has an API version deprecated but served at 1.36; the ones that are belong to kinds Palisade does not list', () => {
    const deprecated = API_LIFECYCLE.filter((e) => apiStatusAt(e, 'v1.36.3') === 'deprecated');
    expect(deprecated.filter((e) => LIFECYCLE_TARGETS.includes(e.kind))).toEqual([]);
    expect([...new Set(deprecated.map((e) => e.kind))].sort()).toEqual([
      'ClusterTrustBundle',
      'DeviceClass',
      'DeviceTaintRule',
      'IPAddress',
      'LeaseCandidate',
      'MutatingAdmissionPolicy',
      'MutatingAdmissionPolicyBinding',
      'ResourceClaim',
      'ResourceClaimTemplate',
      'ResourceSlice',
      'ServiceCIDR',
      'VolumeAttributesClass',
    ]);
  });
});
