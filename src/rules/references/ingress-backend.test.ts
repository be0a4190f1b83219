import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './ingress-backend.js';

const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: a}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n`;
const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i, namespace: a}
spec:
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: ${backend}}]}}]
---
`;

testRule(rule, {
  valid: [
    { name: 'port by number', objects: ingress('{service: {name: web, port: {number: 80}}}') + svc },
    { name: 'port by name', objects: ingress('{service: {name: web, port: {name: http}}}') + svc },
    { name: 'extensions/v1beta1 serviceName/servicePort', objects: ingress('{serviceName: web, servicePort: 80}') + svc },
    { name: 'resource backend only', objects: ingress('{resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: static}}'), status: 'not-applicable' },
  ],
  invalid: [
    {
      name: 'Service missing',
      objects: ingress('{service: {name: shop, port: {number: 80}}}') + svc,
      messages: ['missingService'],
      paths: ['spec.rules[0].http.paths[0].backend.service.name'],
      messageIncludes: 'routes shop.example.com/ to Service shop, which does not exist in namespace a',
    },
    { name: 'port number missing', objects: ingress('{service: {name: web, port: {number: 8080}}}') + svc, messages: ['missingPort'], messageIncludes: 'ports: http:80' },
    {
      name: 'port name missing, and a default backend to a missing Service',
      objects: ingress('{service: {name: web, port: {name: https}}}').replace('spec:\n', 'spec:\n  defaultBackend: {service: {name: fallback, port: {number: 80}}}\n') + svc,
      messages: ['missingPort', 'missingService'],
      paths: ['spec.rules[0].http.paths[0].backend.service.port', 'spec.defaultBackend.service.name'],
    },
  ],
});
