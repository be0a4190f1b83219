/**
 * Builds the test control plane (test/cluster/apiserver → .cache/bin/palisade-test-apiserver)
 * from the k8s.io/kubernetes Go module. Rebuilds only when go.mod, go.sum or a .go file changed:
 * a hash of those is stored beside the binary. Run with Node 24: `npx node test/cluster/build.ts`.
 *
 * Exported `ensureApiserverBinary()` is used by the vitest global setup and `cluster:up`.
 * `ensureKustomizeBinary()` builds .cache/bin/kustomize from test/tools (the Go module pinning
 * sigs.k8s.io/kustomize/kustomize/v5) with the same stamp logic; the manifests tests use it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const K8S_VERSION = 'v1.36.3';
const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(HERE, '..', '..');
export const SOURCE_DIR = join(HERE, 'apiserver');
export const BINARY = join(REPO_ROOT, '.cache', 'bin', 'palisade-test-apiserver');
const STAMP = `${BINARY}.stamp`;

export interface BuildOutcome {
  binary: string;
  built: boolean;
  seconds: number;
  hash: string;
}

/** sha256 over go.mod, go.sum and every .go file (sorted), plus the version flags. */
export async function sourceHash(dir = SOURCE_DIR): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n === 'go.mod' || n === 'go.sum' || n.endsWith('.go')).sort();
  const h = createHash('sha256');
  h.update(`k8s=${K8S_VERSION}\n`);
  for (const n of names) {
    h.update(`${n}\n`);
    h.update(await readFile(join(dir, n)));
  }
  return h.digest('hex');
}

function ldflags(): string {
  const [major, minor] = K8S_VERSION.slice(1).split('.');
  const pkg = 'k8s.io/component-base/version';
  return [
    '-s',
    '-w',
    `-X ${pkg}.gitVersion=${K8S_VERSION}`,
    `-X ${pkg}.gitMajor=${major}`,
    `-X ${pkg}.gitMinor=${minor}`,
    `-X ${pkg}.gitTreeState=clean`,
  ].join(' ');
}

async function goAvailable(): Promise<string | undefined> {
  try {
    const { stdout } = await execa('go', ['version']);
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Builds the binary if the stamp is missing or stale; returns what happened. Throws with a clear message when Go is missing. */
export async function ensureApiserverBinary(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<BuildOutcome> {
  const hash = await sourceHash();
  const stamp = existsSync(STAMP) ? (await readFile(STAMP, 'utf8')).trim() : '';
  if (stamp === hash && existsSync(BINARY)) return { binary: BINARY, built: false, seconds: 0, hash };

  const go = await goAvailable();
  if (!go) {
    throw new Error(
      'palisade test cluster: `go` was not found on PATH. The test control plane is built from the k8s.io/kubernetes ' +
        'Go module and needs Go >= 1.26 (https://go.dev/dl/) with access to the Go module proxy.',
    );
  }
  log(`[cluster:build] ${existsSync(BINARY) ? 'sources changed' : 'no binary yet'}: building kube-apiserver ${K8S_VERSION} with ${go}`);
  log('[cluster:build] a cold build (empty Go cache) takes several minutes; a warm one is mostly the link step');
  await mkdir(dirname(BINARY), { recursive: true });
  const started = performance.now();
  const ticker = setInterval(() => log(`[cluster:build] still building… ${Math.round((performance.now() - started) / 1000)} s`), 30_000);
  try {
    await execa('go', ['build', '-trimpath', '-ldflags', ldflags(), '-o', BINARY, '.'], {
      cwd: SOURCE_DIR,
      env: { CGO_ENABLED: '0' },
      stdout: 'inherit',
      stderr: 'inherit',
    });
  } finally {
    clearInterval(ticker);
  }
  const seconds = Math.round(performance.now() - started) / 1000;
  await writeFile(STAMP, `${hash}\n`);
  log(`[cluster:build] built ${BINARY} in ${seconds} s`);
  return { binary: BINARY, built: true, seconds, hash };
}

export const TOOLS_DIR = resolve(HERE, '..', 'tools');
export const KUSTOMIZE = join(REPO_ROOT, '.cache', 'bin', 'kustomize');

/** A Go tool pinned in a module under test/tools, built into .cache/bin. */
interface GoTool {
  name: string;
  /** The module directory (go.mod + go.sum). */
  dir: string;
  /** The main package to build. */
  pkg: string;
  binary: string;
}

/** Builds `tool.binary` when its module's go.{mod,sum} changed (sha256 stamp beside the binary). */
async function ensureGoTool(tool: GoTool, log: (line: string) => void): Promise<BuildOutcome> {
  const h = createHash('sha256');
  for (const n of ['go.mod', 'go.sum']) h.update(`${n}\n`).update(await readFile(join(tool.dir, n)));
  const hash = h.digest('hex');
  const stampFile = `${tool.binary}.stamp`;
  const stamp = existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
  if (stamp === hash && existsSync(tool.binary)) return { binary: tool.binary, built: false, seconds: 0, hash };
  const rel = tool.dir.slice(REPO_ROOT.length + 1);
  const go = await goAvailable();
  if (!go) throw new Error(`${tool.name}: \`go\` was not found on PATH; .cache/bin/${tool.name} is built from ${rel} (${tool.pkg})`);
  log(`[cluster:build] building ${tool.name} from ${rel} with ${go}`);
  await mkdir(dirname(tool.binary), { recursive: true });
  const started = performance.now();
  await execa('go', ['build', '-trimpath', '-ldflags', '-s -w', '-o', tool.binary, tool.pkg], {
    cwd: tool.dir,
    env: { CGO_ENABLED: '0' },
    stdout: 'inherit',
    stderr: 'inherit',
  });
  const seconds = Math.round(performance.now() - started) / 1000;
  await writeFile(stampFile, `${hash}\n`);
  log(`[cluster:build] built ${tool.binary} in ${seconds} s`);
  return { binary: tool.binary, built: true, seconds, hash };
}

const defaultLog = (l: string): void => void process.stderr.write(`${l}\n`);

/** Builds .cache/bin/kustomize from test/tools when test/tools/go.{mod,sum} changed (stamp beside the binary). */
export function ensureKustomizeBinary(log: (line: string) => void = defaultLog): Promise<BuildOutcome> {
  return ensureGoTool({ name: 'kustomize', dir: TOOLS_DIR, pkg: 'sigs.k8s.io/kustomize/kustomize/v5', binary: KUSTOMIZE }, log);
}

/** helm is pinned in a module of its own (test/tools/helm), so its go.sum never invalidates kustomize's stamp. */
export const HELM_TOOLS_DIR = join(TOOLS_DIR, 'helm');
export const HELM = join(REPO_ROOT, '.cache', 'bin', 'helm');

/** Builds .cache/bin/helm from test/tools/helm (helm.sh/helm/v4/cmd/helm) unless the stamp matches go.mod + go.sum. */
export function ensureHelmBinary(log: (line: string) => void = defaultLog): Promise<BuildOutcome> {
  return ensureGoTool({ name: 'helm', dir: HELM_TOOLS_DIR, pkg: 'helm.sh/helm/v4/cmd/helm', binary: HELM }, log);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = await ensureApiserverBinary();
    if (!out.built) process.stderr.write(`[cluster:build] ${BINARY} is up to date (${out.hash.slice(0, 12)})\n`);
    const k = await ensureKustomizeBinary();
    if (!k.built) process.stderr.write(`[cluster:build] ${KUSTOMIZE} is up to date (${k.hash.slice(0, 12)})\n`);
    const helm = await ensureHelmBinary();
    if (!helm.built) process.stderr.write(`[cluster:build] ${HELM} is up to date (${helm.hash.slice(0, 12)})\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
