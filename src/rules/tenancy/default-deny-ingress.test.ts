import { defaultDenyCases, hardDefaultDenyCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './default-deny-ingress.js';

testRule(rule, defaultDenyCases('Ingress', { messages: ['missing'] }));
testRule(rule, hardDefaultDenyCases('Ingress', { messages: ['notDenying'] }));
