import { describe, expect, it } from 'vitest';
import { yamlObjects, runCase } from '../../test/helpers/rule-tester.js';
import { RULES } from '../rules/index.js';
import { containersOf, podSpecOf } from './workloads.js';

/** A pod whose containers break every container rule and carry no name (an invalid spec, as files can hold). */
const UNNAMED = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: team-a}
spec:
  containers:
  - image: nginx
    imagePullPolicy: IfNotPresent
    securityContext: {privileged: true, runAsUser: 0, allowPrivilegeEscalation: true, capabilities: {add: [SYS_ADMIN]}, procMount: Unmasked}
  initContainers:
  - image: busybox
`;

describe('containersOf', () => {
  it('names an unnamed container by its place in the spec', () => {
    const view = podSpecOf(yamlObjects(UNNAMED)[0]!);
    expect(containersOf(view!).map((c) => c.name)).toEqual(['(unnamed containers[0])', '(unnamed initContainers[0])']);
  });

  it('no rule message reads "undefined" for a container without a name', () => {
    const messages = RULES.filter((r) => r.meta.targets.includes('Pod')).map((r) => runCase(r, { name: r.meta.id, objects: UNNAMED }));
    const failing = messages.filter((o) => o.status === 'fail');
    expect(failing.length).toBeGreaterThan(10);
    expect(failing.filter((o) => o.message.includes('(unnamed containers[0])')).length).toBeGreaterThan(10);
    expect(failing.map((o) => o.message).filter((m) => m.includes('undefined'))).toEqual([]);
  });
});
