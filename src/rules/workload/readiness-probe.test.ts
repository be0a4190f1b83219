import { missingProbeCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './readiness-probe.js';

testRule(rule, missingProbeCases('readinessProbe', { messages: ['missing'] }));
