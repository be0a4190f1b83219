import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './make-iptables-util-chains.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('makeIPTablesUtilChains: true') },
    { name: 'unset (defaults to true)', objects: kubeletConfig('{}') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('makeIPTablesUtilChains: true'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('makeIPTablesUtilChains: true'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'false', objects: kubeletConfig('makeIPTablesUtilChains: false'), messages: ['wrongValue'], paths: ['makeIPTablesUtilChains'], messageIncludes: 'Node node-1' },
  ],
});
