import { APISERVER, authzConfigMap } from '../../../test/helpers/fixtures.js';
import { WITH_AUTHZ_CONFIG, authorizerValidCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './authorization-mode-not-always-allow.js';

testRule(rule, {
  valid: authorizerValidCases(),
  invalid: [
    { name: '--authorization-mode=AlwaysAllow', objects: APISERVER.pod('--authorization-mode=AlwaysAllow'), messages: ['present'], paths: [APISERVER.arg(1)] },
    { name: 'visible --authorization-config without the authorizer', objects: WITH_AUTHZ_CONFIG + authzConfigMap(['RBAC', 'AlwaysAllow']), messages: ['present'], paths: ['ConfigMap/kube-system/authz data.authz.yaml.authorizers'] },
  ],
});

testRule(rule, {
  valid: [],
  invalid: [
    { name: 'unset: the API server default is AlwaysAllow', objects: APISERVER.pod('--client-ca-file=/etc/ca.crt'), messages: ['present'], messageIncludes: 'defaults to AlwaysAllow' },
  ],
});
