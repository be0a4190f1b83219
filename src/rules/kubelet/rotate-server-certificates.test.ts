import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './rotate-server-certificates.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('featureGates: {RotateKubeletServerCertificate: true}') },
    { name: 'unset (GA, on by default)', objects: kubeletConfig('{}') },
    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('featureGates: {RotateKubeletServerCertificate: true}'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('featureGates: {RotateKubeletServerCertificate: true}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'disabled', objects: kubeletConfig('featureGates: {RotateKubeletServerCertificate: false}'), messages: ['wrongValue'], paths: ['featureGates.RotateKubeletServerCertificate'], messageIncludes: 'Node node-1' },
  ],
});
