import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './seccomp-default.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('seccompDefault: true') },

    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('seccompDefault: true'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('seccompDefault: true'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset (defaults to false)', objects: kubeletConfig('{}'), messages: ['missing'], paths: ['seccompDefault'], messageIncludes: 'Node node-1' },
  ],
});
