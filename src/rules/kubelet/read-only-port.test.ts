import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './read-only-port.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('readOnlyPort: 0') },
    { name: 'unset (defaults to 0)', objects: kubeletConfig('{}') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('readOnlyPort: 0'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('readOnlyPort: 0'), status: 'not-applicable' },
  ],
  invalid: [
    { name: '10255', objects: kubeletConfig('readOnlyPort: 10255'), messages: ['wrongValue'], paths: ['readOnlyPort'], messageIncludes: 'Node node-1' },
  ],
});
