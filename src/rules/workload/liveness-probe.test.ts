import { missingProbeCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './liveness-probe.js';

testRule(rule, missingProbeCases('livenessProbe', { messages: ['missing'] }));
