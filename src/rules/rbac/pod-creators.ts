import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [
      { verbs: ['create'], group: '', resource: 'pods' },
      ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => ({ verbs: ['create'], group: 'apps', resource })),
      ...['jobs', 'cronjobs'].map((resource) => ({ verbs: ['create'], group: 'batch', resource })),
      { verbs: ['create'], group: '', resource: 'replicationcontrollers' },
    ];

/** CIS 5.1.4: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/pod-creators',
    title: 'The right to create pods or workloads should be limited',
    description:
      'Whoever can create a pod (directly or through a Deployment, Job, DaemonSet...) can run code as any ServiceAccount of the namespace and mount its Secrets, and, without admission policy, escape to the node.',
    remediation: 'Limit create on pods and workload controllers to deployment pipelines and operators; enforce Pod Security admission in every namespace.',
    severity: 'medium',
    category: 'security',
    references: [cis('5.1.4')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { createsPods: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'createsPods', PERMISSIONS, 'no create on pods or workload controllers');
  },
});
