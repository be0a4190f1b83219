import { describe, expect, it } from 'vitest';
import { trimObject } from './trim.js';
import { APPLIED_API_VERSION, LAST_APPLIED, appliedApiVersion, recordAppliedApiVersion } from './applied-version.js';

const kubectlJson = '{"apiVersion":"extensions/v1beta1","kind":"Ingress","metadata":{"annotations":{},"name":"shop","namespace":"a"},"spec":{}}\n';

describe('applied apiVersion', () => {
  it('reads the leading apiVersion of kubectl JSON, and any JSON object', () => {
    expect(appliedApiVersion(kubectlJson)).toBe('extensions/v1beta1');
    expect(appliedApiVersion('{"kind":"Ingress","apiVersion":"networking.k8s.io/v1beta1"}')).toBe('networking.k8s.io/v1beta1');
    expect(appliedApiVersion('not json')).toBeUndefined();
  });

  it('records it only when it differs from the version read', () => {
    expect(recordAppliedApiVersion({ [LAST_APPLIED]: kubectlJson }, 'networking.k8s.io/v1')[APPLIED_API_VERSION]).toBe('extensions/v1beta1');
    const same = { [LAST_APPLIED]: kubectlJson };
    expect(recordAppliedApiVersion(same, 'extensions/v1beta1')).toBe(same);
    expect(recordAppliedApiVersion({}, 'v1')).toEqual({});
  });

  it('survives trimming, which drops the last-applied annotation itself', () => {
    const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop', namespace: 'a', annotations: { [LAST_APPLIED]: kubectlJson, team: 'x' } } };
    const trimmed = trimObject(obj);
    expect(trimmed.metadata.annotations).toEqual({ team: 'x', [APPLIED_API_VERSION]: 'extensions/v1beta1' });
  });
});
