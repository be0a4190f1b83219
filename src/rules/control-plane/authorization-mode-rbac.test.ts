import { APISERVER, authzConfigMap } from '../../../test/helpers/fixtures.js';
import { WITH_AUTHZ_CONFIG, authorizerValidCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './authorization-mode-rbac.js';

testRule(rule, {
  valid: authorizerValidCases(),
  invalid: [
    { name: '--authorization-mode=Node,Webhook', objects: APISERVER.pod('--authorization-mode=Node,Webhook'), messages: ['missing'], paths: [APISERVER.arg(1)] },
    { name: 'visible --authorization-config without the authorizer', objects: WITH_AUTHZ_CONFIG + authzConfigMap(['Node']), messages: ['missing'], paths: ['ConfigMap/kube-system/authz data.authz.yaml.authorizers'] },
  ],
});
