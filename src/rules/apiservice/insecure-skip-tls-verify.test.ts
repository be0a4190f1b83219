import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './insecure-skip-tls-verify.js';
import { apiService } from './fixtures.js';

const METRICS = '{namespace: kube-system, name: metrics-server}';

testRule(rule, {
  valid: [
    { name: 'a caBundle and verification', objects: apiService('metrics.k8s.io', METRICS, 'caBundle: Zm9v') },
    { name: 'insecureSkipTLSVerify false', objects: apiService('metrics.k8s.io', METRICS, 'insecureSkipTLSVerify: false') },
    { name: 'a local APIService', objects: apiService('apps', 'null'), status: 'not-applicable' },
  ],
  invalid: [
    { name: 'insecureSkipTLSVerify true (the metrics-server quick-start)', objects: apiService('metrics.k8s.io', METRICS, 'insecureSkipTLSVerify: true'), messages: ['insecure'], paths: ['spec.insecureSkipTLSVerify'], messageIncludes: 'APIService metrics.k8s.io/v1beta1 is proxied to kube-system/metrics-server without TLS verification' },
  ],
});
