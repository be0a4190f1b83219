/** The Helm chart in charts/palisade rendered with the pinned helm (.cache/bin/helm, built from test/tools/helm). */
import { join } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../src/model/k8s.js';
import { ensureHelmBinary, HELM, REPO_ROOT } from '../cluster/build.ts';
import { requirePrereq } from './prereq.ts';

export const CHART = join(REPO_ROOT, 'charts', 'palisade');

/** Each rendering the tests prove: the defaults, each overlay's switch, and all of them at once. */
export const HELM_CASES = {
  defaults: [],
  exporter: ['--set', 'exporter.enabled=true'],
  pushgateway: ['--set', 'pushgateway.enabled=true'],
  'policy-reports': ['--set', 'policyReports.enabled=true'],
  openreports: ['--set', 'openReports.enabled=true'],
  probes: ['--set', 'probes.enabled=true'],
  alerts: ['--set', 'alerts.enabled=true'],
  all: ['--set', 'exporter.enabled=true,pushgateway.enabled=true,policyReports.enabled=true,openReports.enabled=true,probes.enabled=true,alerts.enabled=true'],
} as const satisfies Record<string, readonly string[]>;
export type HelmCase = keyof typeof HELM_CASES;
export const HELM_CASE_NAMES = Object.keys(HELM_CASES) as HelmCase[];

export async function helmAvailable(): Promise<boolean> {
  let problem: string | undefined;
  try {
    await ensureHelmBinary(() => {});
  } catch (err) {
    problem = (err as Error).message;
  }
  return requirePrereq('helm (.cache/bin/helm from test/tools/helm)', () => problem ?? true);
}

export async function helm(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await execa(HELM, [...args], { cwd: REPO_ROOT, reject: false, env: { HELM_CACHE_HOME: '/tmp/palisade-helm-cache', HELM_CONFIG_HOME: '/tmp/palisade-helm-config', HELM_DATA_HOME: '/tmp/palisade-helm-data' } });
  return { code: r.exitCode ?? -1, out: r.stdout, err: r.stderr };
}

/** `helm template palisade charts/palisade --namespace palisade ARGS` → the YAML and its objects. */
export async function helmTemplate(args: readonly string[], namespace = 'palisade'): Promise<{ yaml: string; objects: K8sObject[] }> {
  const r = await helm(['template', 'palisade', CHART, '--namespace', namespace, ...args]);
  if (r.code !== 0) throw new Error(`helm template ${args.join(' ')} failed: ${r.err}`);
  const objects = parseAllDocuments(r.out)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { yaml: r.out, objects };
}
