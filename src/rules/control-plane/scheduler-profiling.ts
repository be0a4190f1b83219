import { defineRule } from '../../engine/rule.js';
import { visibleConfigFile } from '../../analysis/flags.js';
import { objectRef, refString } from '../../model/k8s.js';
import { FLAG_MESSAGES, cis, forEachInstance } from './common.js';

/**
 * CIS 1.4.1. `--profiling` wins; otherwise a scheduler started with `--config` takes
 * `enableProfiling` (default true) from its KubeSchedulerConfiguration, read when a kube-system
 * ConfigMap shows the file, else unknown.
 */
export default defineRule({
  meta: {
    id: 'control-plane/scheduler-profiling',
    title: 'Scheduler profiling must be disabled',
    description: 'The /debug/pprof endpoints reveal program internals and can be used to degrade the component.',
    remediation: 'Set --profiling=false on kube-scheduler (or enableProfiling: false in its KubeSchedulerConfiguration).',
    severity: 'low',
    category: 'security',
    references: [cis('1.4.1')],
    targets: ['Cluster'],
    scope: 'cluster',
    messages: {
      missing: FLAG_MESSAGES.missing,
      wrongValue: FLAG_MESSAGES.wrongValue,
      configEnabled: '{{instance}}: KubeSchedulerConfiguration enableProfiling is {{actual}} (expected false)',
    },
  },
  check(ctx) {
    forEachInstance(ctx, 'kube-scheduler', (inst) => {
      const flag = inst.get('profiling');
      const flagEvidence = [{ path: inst.path('profiling'), actual: flag ?? null, expected: 'false' }];
      if (flag !== undefined) {
        if (flag.toLowerCase() === 'false') ctx.pass(undefined, {}, flagEvidence);
        else ctx.fail('wrongValue', { instance: inst.label, flag: 'profiling', actual: flag, expected: 'false' }, flagEvidence);
        return;
      }
      const file = inst.get('config');
      if (file === undefined) return ctx.fail('missing', { instance: inst.label, flag: 'profiling', expected: 'false' }, flagEvidence);
      const visible = visibleConfigFile(ctx.snapshot, file, 'KubeSchedulerConfiguration');
      if (!visible) return ctx.unknown(`${inst.label}: configured by --config=${file}, whose content is not visible through the API`);
      const v = visible.content['enableProfiling'];
      const evidence = [{ path: `${refString(objectRef(visible.configMap))} data.${visible.key}.enableProfiling`, actual: v ?? null, expected: 'false' }];
      if (v === false) ctx.pass(undefined, {}, evidence);
      else ctx.fail('configEnabled', { instance: inst.label, actual: v === undefined ? 'unset (defaults to true)' : String(v) }, evidence);
    });
  },
});
