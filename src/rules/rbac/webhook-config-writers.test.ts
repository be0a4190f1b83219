import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './webhook-config-writers.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], verbs: [patch]}]', roleBinding: 'cannot-grant' }, { messages: ['writesWebhooks'] }));
