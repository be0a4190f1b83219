import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './token-creators.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [serviceaccounts/token], verbs: [create]}]', roleBinding: 'grants' }, { messages: ['createsTokens'] }));
