/**
 * Renders Palisade's kustomizations with the pinned kustomize (.cache/bin/kustomize, built from
 * test/tools by test/cluster/build.ts) for the manifests tests (unit and integration).
 */
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import type { K8sObject } from '../../src/model/k8s.js';
import { ensureKustomizeBinary, KUSTOMIZE, REPO_ROOT } from '../cluster/build.ts';
import { requirePrereq } from './prereq.ts';

export const MANIFESTS = join(REPO_ROOT, 'manifests');

/** Every kustomization Palisade ships, relative to manifests/ (a test checks this list is complete). */
export const KUSTOMIZATIONS = ['base', 'overlays/exporter', 'overlays/pushgateway', 'overlays/policy-reports', 'overlays/openreports', 'overlays/probes'] as const;
export type KustomizationName = (typeof KUSTOMIZATIONS)[number];

/** Builds kustomize if stale; true when usable. Under CI=true a missing kustomize/Go throws (tests fail, never skip). */
export async function kustomizeAvailable(): Promise<boolean> {
  let problem: string | undefined;
  try {
    await ensureKustomizeBinary(() => {});
  } catch (err) {
    problem = (err as Error).message;
  }
  return requirePrereq('kustomize (.cache/bin/kustomize from test/tools)', () => problem ?? true);
}

/** `kustomize build DIR` → the objects, in kustomize's output order. */
export async function kustomizeBuild(dir: string, extraArgs: readonly string[] = []): Promise<{ yaml: string; objects: K8sObject[] }> {
  const { stdout } = await execa(KUSTOMIZE, ['build', ...extraArgs, dir], { cwd: REPO_ROOT });
  const objects = parseAllDocuments(stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
  return { yaml: stdout, objects };
}

/** Directories under manifests/ holding a kustomization.yaml, relative to manifests/. */
export async function findKustomizations(dir = MANIFESTS): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isFile() && e.name === 'kustomization.yaml') out.push(relative(MANIFESTS, dir));
    if (e.isDirectory()) out.push(...(await findKustomizations(join(dir, e.name))));
  }
  return out.sort();
}

/** The pod template of a Deployment or CronJob (as the controllers would create the pod). */
export function podTemplateOf(obj: K8sObject): { metadata?: Record<string, unknown>; spec: Record<string, unknown> } {
  const spec = obj['spec'] as Record<string, unknown>;
  if (obj.kind === 'CronJob') {
    const job = (spec['jobTemplate'] as { spec: { template: { metadata?: Record<string, unknown>; spec: Record<string, unknown> } } }).spec;
    return job.template;
  }
  return spec['template'] as { metadata?: Record<string, unknown>; spec: Record<string, unknown> };
}

export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const hit = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!hit) throw new Error(`rendered output has no ${kind}/${name}: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return hit;
}
