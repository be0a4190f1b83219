import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from '../control-plane/common.js';
import rule from './bootstrap-tokens.js';

const cluster = 'apiVersion: palisade.dev/v1alpha1\nkind: Cluster\nmetadata: {name: c}\n';
const token = '---\napiVersion: v1\nkind: Secret\nmetadata: {name: bootstrap-token-abcdef, namespace: kube-system}\ntype: bootstrap.kubernetes.io/token\n';

testRule(rule, {
  valid: [
    { name: 'no bootstrap tokens', objects: cluster + '---\napiVersion: v1\nkind: Secret\nmetadata: {name: x, namespace: kube-system}\ntype: Opaque\n' },
    { name: 'offline input without any Secret', objects: cluster, status: 'unknown' },
    { name: 'token auth disabled on the API server, no Secret in the input', objects: cluster + '---' + componentPod('kube-apiserver', ['--client-ca-file=/ca']) },
    { name: 'token auth disabled on the API server', objects: cluster + token + '---' + componentPod('kube-apiserver', ['--client-ca-file=/ca']) },
  ],
  invalid: [
    { name: 'token with token auth enabled', objects: cluster + token + '---' + componentPod('kube-apiserver', ['--enable-bootstrap-token-auth=true']), messages: ['present'], messageIncludes: 'bootstrap-token-abcdef' },
    { name: 'token, API server not visible', objects: cluster + token, messages: ['present'], messageIncludes: 'possibly enabled' },
  ],
});
