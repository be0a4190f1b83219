import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/types.js';
import type { RuleContext } from '../../engine/rule.js';
import { Snapshot } from '../../inventory/snapshot.js';
import type { K8sObject } from '../../model/k8s.js';
import { minorOf, pinnedMinor, pssMinor } from './common.js';

/** Just enough context for pssMinor: the target, the snapshot and the config. */
function context(label: string | undefined, serverVersion: string | undefined, configVersion = '1.36'): RuleContext {
  const pod: K8sObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'a' } };
  const ns: K8sObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'a', labels: label === undefined ? {} : { 'pod-security.kubernetes.io/enforce-version': label } },
  };
  const snapshot = new Snapshot({ objects: [pod, ns], source: 'test', mode: 'offline', ...(serverVersion ? { cluster: { version: serverVersion } } : {}) });
  const config = defaultConfig();
  config.kubernetesVersion = configVersion;
  const unused = (): never => {
    throw new Error('not used');
  };
  return { target: pod, snapshot, config, options: {}, now: new Date(0), fail: unused, pass: unused, notApplicable: unused, unknown: unused };
}

describe('PSS version resolution', () => {
  it('parses enforce-version labels exactly as PodSecurity admission does', () => {
    expect(pinnedMinor('v1.30')).toBe(30);
    expect(pinnedMinor('v1.0')).toBe(0);
    for (const bad of ['latest', '1.30', 'v1.30.1', 'v1.030', 'v2.1', '', undefined]) expect(pinnedMinor(bad), String(bad)).toBeUndefined();
  });

  it('reads server versions with or without the v and patch', () => {
    expect(minorOf('v1.36.3')).toBe(36);
    expect(minorOf('1.29')).toBe(29);
    expect(minorOf('v1.31.0-eks-1234')).toBe(31);
    expect(minorOf('garbage')).toBeUndefined();
  });

  it('uses the pinned version, else the server version, else the configured version', () => {
    expect(pssMinor(context('v1.30', 'v1.36.3'))).toBe(30);
    expect(pssMinor(context(undefined, 'v1.33.1'))).toBe(33);
    expect(pssMinor(context('latest', 'v1.33.1'))).toBe(33);
    expect(pssMinor(context(undefined, undefined, '1.34'))).toBe(34);
  });

  it('treats an unparseable pin as latest and caps a pin newer than the server', () => {
    expect(pssMinor(context('1.30', 'v1.36.3'))).toBe(36);
    expect(pssMinor(context('v1.40', 'v1.33.0'))).toBe(33);
  });
});
