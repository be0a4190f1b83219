import { APISERVER, NO_CONTROL_PLANE, configMapFile } from '../../../test/helpers/fixtures.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './anonymous-auth.js';

const authn = (anonymous: string) => configMapFile('authn', 'authn.yaml', `
  apiVersion: apiserver.config.k8s.io/v1
  kind: AuthenticationConfiguration
  anonymous: ${anonymous}`);
const withConfig = APISERVER.pod('--authentication-config=/etc/kubernetes/authn.yaml');

testRule(rule, {
  valid: [
    { name: '--anonymous-auth=false', objects: APISERVER.pod('--anonymous-auth=false') },
    { name: 'AuthenticationConfiguration disables anonymous', objects: withConfig + authn('{enabled: false}') },
    { name: 'AuthenticationConfiguration limits anonymous to /healthz', objects: withConfig + authn('{enabled: true, conditions: [{path: /healthz}]}') },
    { name: 'config file not visible', objects: withConfig, status: 'unknown' },
    { name: 'control plane not visible', objects: NO_CONTROL_PLANE, status: 'not-applicable' },
  ],
  invalid: [
    { name: 'unset (default true)', objects: APISERVER.pod('--authorization-mode=Node,RBAC'), messages: ['enabled'], messageIncludes: 'defaults to true' },
    { name: 'explicitly true', objects: APISERVER.pod('--anonymous-auth=true'), messages: ['enabled'], paths: [APISERVER.arg(1)] },
    { name: 'AuthenticationConfiguration enables anonymous everywhere', objects: withConfig + authn('{enabled: true}'), messages: ['unrestricted'], paths: ['ConfigMap/kube-system/authn data.authn.yaml.anonymous'] },
  ],
});
