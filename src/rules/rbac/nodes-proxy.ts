import { defineRule } from '../../engine/rule.js';
import { cis } from '../control-plane/common.js';
import { RBAC_BINDINGS, RBAC_REQUIRES, checkBindingGrants, type Permission } from './common.js';

const PERMISSIONS: readonly Permission[] = [{ verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], group: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true }];

/** CIS 5.1.10: one result per binding; evidence names binding → role → rule. */
export default defineRule({
  meta: {
    id: 'rbac/nodes-proxy',
    title: 'Access to the nodes/proxy subresource should not be granted',
    description:
      'nodes/proxy reaches the kubelet API directly, bypassing admission and audit; even get is enough to exec into any pod on the node over a WebSocket.',
    remediation: 'Remove nodes/proxy from roles; use the fine-grained nodes/metrics, nodes/stats, nodes/log, nodes/configz subresources instead.',
    severity: 'critical',
    category: 'security',
    references: [cis('5.1.10')],
    targets: RBAC_BINDINGS,
    scope: 'object',
    requires: RBAC_REQUIRES,
    messages: { nodesProxy: '{{subjects}} can {{what}} {{scope}} through {{role}}' },
  },
  check(ctx) {
    checkBindingGrants(ctx, 'nodesProxy', PERMISSIONS, 'no access to nodes/proxy');
  },
});
