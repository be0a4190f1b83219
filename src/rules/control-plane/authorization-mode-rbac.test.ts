import { testRule } from '../../../test/helpers/rule-tester.js';
import { componentPod } from './common.js';
import rule from './authorization-mode-rbac.js';

const authzConfig = (types: string[]) => `
---
apiVersion: v1
kind: ConfigMap
metadata: {name: authz, namespace: kube-system}
data:
  authz.yaml: |
    apiVersion: apiserver.config.k8s.io/v1
    kind: AuthorizationConfiguration
    authorizers: [${types.map((t) => `{type: ${t}, name: ${t.toLowerCase()}}`).join(', ')}]
`;
const withConfig = componentPod('kube-apiserver', ['--authorization-config=/etc/kubernetes/authz.yaml']);

testRule(rule, {
  valid: [
    { name: 'Node,RBAC', objects: componentPod('kube-apiserver', ['--authorization-mode=Node,RBAC']) },
    { name: '--authorization-config with Node and RBAC (visible)', objects: withConfig + authzConfig(['Node', 'RBAC']) },
    { name: '--authorization-config not visible: unknown, not fail', objects: withConfig, status: 'unknown' },
    { name: 'control plane not visible', objects: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n', status: 'not-applicable' },
  ],
  invalid: [
    {
      name: '--authorization-mode=Node,Webhook',
      objects: componentPod('kube-apiserver', ['--authorization-mode=Node,Webhook']),
      messages: ['missing'],
      paths: ['Pod/kube-system/kube-apiserver-node1 spec.containers[0].command[1]'],
    },
    {
      name: 'visible --authorization-config without the authorizer',
      objects: withConfig + authzConfig(['Node']),
      messages: ['missing'],
      paths: ['ConfigMap/kube-system/authz data.authz.yaml.authorizers'],
    },
  ],
});
