import { defaultDenyCases, hardDefaultDenyCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-deny-egress.js';

testRule(rule, defaultDenyCases('Egress', { messages: ['missing'] }));
testRule(rule, hardDefaultDenyCases('Egress', { messages: ['notDenying'] }));
