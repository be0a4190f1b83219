import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './kubelet-skew.js';

const node = (kubelet: string) => `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {nodeInfo: {kubeletVersion: ${kubelet}}}\n`;

testRule(rule, {
  valid: [
    { name: 'same minor', objects: node('v1.36.1'), cluster: { version: 'v1.36.3' } },
    { name: 'three minors behind (allowed since 1.28)', objects: node('v1.33.5'), cluster: { version: 'v1.36.3' } },
    { name: 'control plane not visible', objects: node('v1.36.1'), status: 'unknown' },
  ],
  invalid: [
    { name: 'four minors behind', objects: node('v1.32.4'), cluster: { version: 'v1.36.3' }, messages: ['tooOld'], paths: ['Node/n1 status.nodeInfo.kubeletVersion'], messageIncludes: '4 minor versions behind the API server (v1.36.3); at most 3' },
    { name: 'three behind an API server older than 1.28', objects: node('v1.24.1'), cluster: { version: 'v1.27.3' }, messages: ['tooOld'], messageIncludes: 'at most 2' },
    { name: 'kubelet newer than the API server', objects: node('v1.37.0'), cluster: { version: 'v1.36.3' }, messages: ['newer'] },
  ],
});
