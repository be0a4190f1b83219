import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './nodes-proxy.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [nodes/proxy], verbs: [get]}]', roleBinding: 'cannot-grant' }, { messages: ['nodesProxy'] }));
