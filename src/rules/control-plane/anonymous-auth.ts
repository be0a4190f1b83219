import { defineRule } from '../../engine/rule.js';
import { visibleConfigFile } from '../../analysis/flags.js';
import { isRecord, objectRef, refString } from '../../model/k8s.js';
import { cis, forEachInstance } from './common.js';

/**
 * CIS 1.2.1. Anonymous access comes from --anonymous-auth (default true) or, since 1.32, from the
 * `anonymous` stanza of the --authentication-config file (read only when a ConfigMap shows it).
 */
export default defineRule({
  meta: {
    id: 'control-plane/anonymous-auth',
    title: 'The API server must not accept anonymous requests',
    description:
      'With anonymous authentication on, unauthenticated requests reach the authorizer as system:anonymous; any RBAC grant to system:unauthenticated or a misconfigured authorizer then exposes the cluster.',
    remediation:
      'Set --anonymous-auth=false on kube-apiserver, or restrict anonymous access to health endpoints with `anonymous.conditions` in the AuthenticationConfiguration.',
    severity: 'high',
    category: 'security',
    references: [cis('1.2.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      enabled: '{{instance}}: anonymous authentication is enabled ({{actual}})',
      unrestricted: '{{instance}}: AuthenticationConfiguration enables anonymous access without path conditions',
    },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-apiserver', (inst) => {
      const file = inst.get('authentication-config');
      if (file !== undefined) {
        const visible = visibleConfigFile(ctx.snapshot, file, 'AuthenticationConfiguration');
        const anon = visible && isRecord(visible.content['anonymous']) ? visible.content['anonymous'] : undefined;
        if (visible && anon) {
          const path = `${refString(objectRef(visible.configMap))} data.${visible.key}.anonymous`;
          const conditions = Array.isArray(anon['conditions']) ? anon['conditions'] : [];
          if (anon['enabled'] === true && conditions.length === 0) {
            return ctx.fail('unrestricted', { instance: inst.label }, [{ path, actual: anon, expected: 'enabled: false, or conditions limiting it to health endpoints' }]);
          }
          return ctx.pass(undefined, {}, [{ path, actual: anon, expected: 'disabled or limited by conditions' }]);
        }
        if (!visible && !inst.has('anonymous-auth')) {
          return ctx.unknown(`${inst.label}: authentication is configured by --authentication-config=${file}, whose content is not visible through the API`);
        }
      }
      const v = inst.get('anonymous-auth');
      const evidence = [{ path: inst.path('anonymous-auth'), actual: v ?? null, expected: 'false' }];
      if (v?.toLowerCase() === 'false') ctx.pass(undefined, {}, evidence);
      else ctx.fail('enabled', { instance: inst.label, actual: v === undefined ? 'unset: defaults to true' : `--anonymous-auth=${v}` }, evidence);
    });
  },
});
