import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-namespace.js';

const deployment = (namespace: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web${namespace ? `, namespace: ${namespace}` : ''}}
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1.27}]
`;

testRule(rule, {
  valid: [
    { name: 'own namespace', objects: deployment('shop') },
    { name: 'namespace not set in the manifest', objects: deployment(''), status: 'unknown' },
  ],
  invalid: [
    { name: 'Deployment in default', objects: deployment('default'), messages: ['defaultNamespace'], paths: ['metadata.namespace'], messageIncludes: 'Deployment "web"' },
    { name: 'Pod in default', objects: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {containers: [{name: app, image: x:1}]}\n', messages: ['defaultNamespace'] },
  ],
});
