import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './anonymous-auth.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('authentication: {anonymous: {enabled: false}}') },
    { name: 'unset (KubeletConfiguration v1beta1 defaults to false)', objects: kubeletConfig('{}') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('authentication: {anonymous: {enabled: false}}'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('authentication: {anonymous: {enabled: false}}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'enabled', objects: kubeletConfig('authentication: {anonymous: {enabled: true}}'), messages: ['wrongValue'], paths: ['authentication.anonymous.enabled'], messageIncludes: 'Node node-1' },
  ],
});
