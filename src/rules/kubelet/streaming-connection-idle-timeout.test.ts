import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './streaming-connection-idle-timeout.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('streamingConnectionIdleTimeout: 5m0s') },
    { name: 'unset (4h default)', objects: kubeletConfig('{}') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('streamingConnectionIdleTimeout: 5m0s'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('streamingConnectionIdleTimeout: 5m0s'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'zero', objects: kubeletConfig('streamingConnectionIdleTimeout: 0s'), messages: ['wrongValue'], paths: ['streamingConnectionIdleTimeout'], messageIncludes: 'Node node-1' },
  ],
});
