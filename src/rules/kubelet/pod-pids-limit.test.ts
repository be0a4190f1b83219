import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './pod-pids-limit.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('podPidsLimit: 4096') },

    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('podPidsLimit: 4096'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('podPidsLimit: 4096'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset (unlimited)', objects: kubeletConfig('{}'), messages: ['missing'], paths: ['podPidsLimit'], messageIncludes: 'Node node-1' },
    { name: '-1 (unlimited)', objects: kubeletConfig('podPidsLimit: -1'), messages: ['wrongValue'], paths: ['podPidsLimit'], messageIncludes: 'Node node-1' },
  ],
});
