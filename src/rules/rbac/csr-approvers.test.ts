import { grantRuleCases } from '../../../test/helpers/shared-cases.js';
import { testRule } from '../../../test/helpers/rule-tester.js';
import rule from './csr-approvers.js';

testRule(rule, grantRuleCases({ grant: '[{apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update]}]', roleBinding: 'cannot-grant' }, { messages: ['approvesCsrs'] }));
