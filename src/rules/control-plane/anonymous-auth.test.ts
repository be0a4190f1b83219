import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './anonymous-auth.js';

const authn = (anonymous: string) => `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: authn, namespace: kube-system}
data:
  authn.yaml: |
    apiVersion: apiserver.config.k8s.io/v1
    kind: AuthenticationConfiguration
    anonymous: ${anonymous}
`;
const withConfig = componentPod('kube-apiserver', ['--authentication-config=/etc/kubernetes/authn.yaml']);

testRule(rule, {
  valid: [
    { name: '--anonymous-auth=false', objects: componentPod('kube-apiserver', ['--anonymous-auth=false']) },
    { name: 'AuthenticationConfiguration disables anonymous', objects: withConfig + authn('{enabled: false}') },
    { name: 'AuthenticationConfiguration limits anonymous to /healthz', objects: withConfig + authn('{enabled: true, conditions: [{path: /healthz}]}') },
    { name: 'config file not visible', objects: withConfig, status: 'unknown' },
    { name: 'control plane not visible', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset (default true)', objects: componentPod('kube-apiserver', ['--authorization-mode=Node,RBAC']), messages: ['enabled'], messageIncludes: 'defaults to true' },
    { name: 'explicitly true', objects: componentPod('kube-apiserver', ['--anonymous-auth=true']), messages: ['enabled'], paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'] },
    { name: 'AuthenticationConfiguration enables anonymous everywhere', objects: withConfig + authn('{enabled: true}'), messages: ['unrestricted'], paths: ['ConfigMap/kube-system/authn data.authn.yaml.anonymous'] },
  ],
});
