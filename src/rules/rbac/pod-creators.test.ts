import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pod-creators.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [apps], resources: [deployments], verbs: [create, update]}]', roleBinding: 'grants' }, { messages: ['createsPods'] }));
