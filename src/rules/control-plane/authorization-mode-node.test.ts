import { APISERVER, authzConfigMap } from '../../../test/helpers/fixtures.js';
import { WITH_AUTHZ_CONFIG, authorizerValidCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './authorization-mode-node.js';

testRule(rule, {
  valid: authorizerValidCases(),
  invalid: [
    { name: '--authorization-mode=RBAC', objects: APISERVER.pod('--authorization-mode=RBAC'), messages: ['missing'], paths: [APISERVER.arg(1)] },
    { name: 'visible --authorization-config without the authorizer', objects: WITH_AUTHZ_CONFIG + authzConfigMap(['RBAC']), messages: ['missing'], paths: ['ConfigMap/kube-system/authz data.authz.yaml.authorizers'] },
  ],
});
