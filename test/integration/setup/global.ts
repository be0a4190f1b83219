/**
 * vitest globalSetup for the `integration` project: builds the test control plane when its
 * sources changed, starts ONE real kube-apiserver for the whole run, `provide`s its info to the
 * tests (`inject('cluster')`), and stops it at the end.
 *
 * Without Go or the binary: under CI=true the setup throws (every integration test fails);
 * otherwise it warns loudly and provides `cluster: null`, and tests that need it skip.
 */
import type { TestProject } from 'vitest/node';
import { ensureApiserverBinary } from '../../cluster/build.ts';
import { startCluster, type ClusterInfo, type RunningCluster } from '../../cluster/harness.ts';
import { requirePrereq } from '../../helpers/prereq.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's kube-apiserver, or null when it could not be built/started outside CI. */
    cluster: ClusterInfo | null;
  }
}

let running: RunningCluster | undefined;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let buildError: string | undefined;
  try {
    await ensureApiserverBinary((line) => process.stderr.write(`${line}\n`));
  } catch (err) {
    buildError = (err as Error).message;
  }
  if (!requirePrereq('palisade-test-apiserver (Go build of k8s.io/kubernetes)', () => buildError ?? true)) {
    project.provide('cluster', null);
    return async () => {};
  }
  running = await startCluster({
    users: { 'tenant-a-dev': ['tenant-a'], 'tenant-b-dev': ['tenant-b'] },
  });
  process.stderr.write(`[integration] kube-apiserver ready at ${running.server} in ${running.startupMs} ms\n`);
  const { stop: _stop, ...info } = running;
  project.provide('cluster', info);
  return async () => {
    await running?.stop();
    running = undefined;
  };
}
