import { testRule } from '../../../test/helpers/rule-tester.js';
import { kubeletConfig } from './common.js';
import rule from './client-ca-file.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const node = (name: string) => `---\napiVersion: v1\nkind: Node\nmetadata: {name: ${name}}\n`;

testRule(rule, {
  valid: [
    { name: 'compliant', objects: kubeletConfig('authentication: {x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}') },

    { name: 'offline without KubeletConfiguration: unknown', objects: cluster + node('node-1'), status: 'unknown' },
    { name: 'a node without configuration: unknown', objects: cluster + node('node-1') + node('node-2') + '---\n' + kubeletConfig('authentication: {x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}'), status: 'unknown' },
    { name: 'every node has a configuration: checked per node', objects: cluster + node('node-1') + '---\n' + kubeletConfig('authentication: {x509: {clientCAFile: /etc/kubernetes/pki/ca.crt}}'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'no client CA', objects: kubeletConfig('authentication: {webhook: {enabled: true}}'), messages: ['missing'], paths: ['authentication.x509.clientCAFile'], messageIncludes: 'Node node-1' },
  ],
});
