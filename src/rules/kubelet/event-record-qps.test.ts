import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './event-record-qps.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('eventRecordQPS: 50') },
    { name: 'unset', objects: kubeletConfig('{}') },
    { name: 'zero (unlimited)', objects: kubeletConfig('eventRecordQPS: 0') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('eventRecordQPS: 50'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('eventRecordQPS: 50'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'negative', objects: kubeletConfig('eventRecordQPS: -1'), messages: ['wrongValue'], paths: ['eventRecordQPS'], messageIncludes: 'Node node-1' },
  ],
});
