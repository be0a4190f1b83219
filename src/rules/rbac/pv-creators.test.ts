import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './pv-creators.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [""], resources: [persistentvolumes], verbs: [create]}]', roleBinding: 'cannot-grant' }, { messages: ['createsPersistentVolumes'] }));
