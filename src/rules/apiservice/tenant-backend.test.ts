import { testRule } from '../../../test/helpers/rule-tester.js';
import { ns } from '../admission/webhook-fixtures.js';
import rule from './tenant-backend.js';
import { apiService } from './fixtures.js';

const NAMESPACES = ns('a1', '{palisade.dev/tenant: acme}') + ns('monitoring');

testRule(rule, {
  valid: [
    { name: 'served from a platform namespace', objects: apiService('custom.metrics.k8s.io', '{namespace: monitoring, name: adapter}') + NAMESPACES },
    { name: 'served from kube-system', objects: apiService('metrics.k8s.io', '{namespace: kube-system, name: metrics-server}') + NAMESPACES },
    { name: 'a local APIService', objects: apiService('apps', 'null') + NAMESPACES, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'served from a tenant namespace', objects: apiService('custom.metrics.k8s.io', '{namespace: a1, name: adapter}') + NAMESPACES, messages: ['tenantBackend'], paths: ['spec.service.namespace'], messageIncludes: 'served by tenant acme (a1/adapter) for the whole cluster' },
  ],
});
