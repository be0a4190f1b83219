/**
 * The container image's file layout, built here without a container engine (none runs on this
 * machine; see docs/install.md). The Dockerfile is parsed and its stages are replayed in
 * directories: the build stage's COPY (through .dockerignore) and RUN steps run as written; the
 * runtime stage's COPY --from steps copy out of the build directory; its RUN steps only remove
 * npm and corepack from the base image and are checked to touch nothing else. The result is run
 * with the runtime's ENV, as its USER, through its ENTRYPOINT mapped onto these directories,
 * with the same Node version the image pins: the production-only install must run every command.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { DockerfileParser, type Copy, type Instruction } from 'dockerfile-ast';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../cluster/build.ts';

interface Stage {
  name: string;
  instructions: Instruction[];
}

function stagesOf(text: string): { args: Map<string, string>; stages: Stage[] } {
  const df = DockerfileParser.parse(text);
  const args = new Map<string, string>();
  for (const a of df.getInitialARGs()) {
    const p = a.getProperty();
    if (p?.getName()) args.set(p.getName(), p.getValue() ?? '');
  }
  const froms = df.getFROMs();
  const stages = froms.map((f, i) => {
    const start = f.getRange().start.line;
    const end = froms[i + 1]?.getRange().start.line ?? Number.MAX_SAFE_INTEGER;
    return { name: f.getBuildStage() ?? `stage${i}`, instructions: df.getInstructions().filter((x) => x.getRange().start.line > start && x.getRange().start.line < end) };
  });
  return { args, stages };
}

/** .dockerignore semantics: patterns in order, the last match wins, `!` re-includes. */
function contextFilter(dockerignore: string): (rel: string) => boolean {
  const patterns = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return (rel) => {
    let included = true;
    for (const p of patterns) {
      const negate = p.startsWith('!');
      const glob = negate ? p.slice(1) : p;
      if (matchesGlob(rel, glob)) included = negate;
    }
    return included;
  };
}

async function duBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}

const words = (i: Instruction): string[] => i.getArguments().map((a) => a.getValue());

describe('the container image layout, replayed from the Dockerfile without a container engine', () => {
  let work: string;
  const dirs = new Map<string, string>();
  let runtime: Stage;
  let entrypoint: string[] = [];
  const env: Record<string, string> = {};
  let user: { uid: number; gid: number } | undefined;
  let nodeVersion = '';

  beforeAll(async () => {
    const text = await readFile(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    const { args, stages } = stagesOf(text);
    nodeVersion = args.get('NODE_VERSION') ?? '';
    const included = contextFilter(await readFile(join(REPO_ROOT, '.dockerignore'), 'utf8'));
    work = await mkdtemp(join(tmpdir(), 'palisade-image-'));
    await chmod(work, 0o755);
    // Node 24 of this checkout runs the RUN steps (the image's node is the same version).
    const path = `${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`;
    for (const stage of stages) {
      let workdir = '/';
      for (const i of stage.instructions) {
        const kw = i.getKeyword();
        const a = words(i);
        if (kw === 'WORKDIR') {
          workdir = a[0]!;
          const dir = join(work, stage.name, workdir);
          await mkdir(dir, { recursive: true });
          dirs.set(`${stage.name}:${workdir}`, dir);
        }
        const here = join(work, stage.name, workdir);
        if (kw === 'COPY') {
          const from = (i as Copy).getFromFlag()?.getValue() ?? undefined;
          const dest = a.at(-1)!;
          for (const src of a.slice(0, -1)) {
            const target = dest.endsWith('/') ? join(here, dest, src) : join(here, dest);
            if (from) {
              await cp(join(work, from, src), target, { recursive: true, verbatimSymlinks: true });
            } else {
              // Directories are walked; .dockerignore decides file by file.
              const isDir = async (p: string): Promise<boolean> => (await stat(p)).isDirectory();
              if (!(await isDir(join(REPO_ROOT, src)))) expect(included(src), `${src} is excluded by .dockerignore but COPY names it`).toBe(true);
              await cp(join(REPO_ROOT, src), target, { recursive: true, filter: async (p) => (await isDir(p)) || included(relative(REPO_ROOT, p)) });
            }
          }
        }
        if (kw === 'RUN') {
          const cmd = i.getArgumentsContent() ?? '';
          if (stage.name === 'runtime') {
            // Only the base image's npm and corepack are removed; nothing of ours changes.
            expect(cmd).toMatch(/^rm -rf( +\\?\s*\/usr\/local\/(lib\/node_modules\/(npm|corepack)|bin\/(npm|npx|corepack)))+\s*$/);
            continue;
          }
          const r = await execa('sh', ['-c', cmd.replace(/\\\n/g, ' ')], { cwd: here, env: { PATH: path, HOME: work, npm_config_cache: join(process.env['HOME'] ?? work, '.npm') }, reject: false });
          expect(r.exitCode, `RUN ${cmd}\n${String(r.stdout).slice(-2000)}\n${String(r.stderr).slice(-2000)}`).toBe(0);
        }
        if (stage === stages.at(-1)) {
          if (kw === 'ENV') for (const p of i.getArgumentsContent()?.split(/\s+/) ?? []) env[p.split('=')[0]!] = p.split('=').slice(1).join('=');
          if (kw === 'USER') {
            const [uid, gid] = a[0]!.split(':').map(Number);
            user = { uid: uid!, gid: gid ?? uid! };
          }
          if (kw === 'ENTRYPOINT') entrypoint = JSON.parse(i.getArgumentsContent() ?? '[]') as string[];
        }
      }
      if (stage === stages.at(-1)) runtime = stage;
    }
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** The ENTRYPOINT with the image's paths mapped here, run as the image's USER (when we are root). */
  function palisade(args: string[]) {
    const [node, script] = entrypoint;
    const app = dirs.get(`${runtime.name}:/app`)!;
    expect(node).toBe('/usr/local/bin/node');
    expect(script!.startsWith('/app/')).toBe(true);
    return execa(process.execPath, [join(app, script!.slice('/app/'.length)), ...args], {
      cwd: work,
      env: { ...env, PATH: '/usr/bin:/bin' },
      extendEnv: false,
      reject: false,
      ...(user && process.getuid?.() === 0 ? { uid: user.uid, gid: user.gid } : {}),
    });
  }

  it('pins the Node version this checkout runs on, and runs as a non-root user', () => {
    expect(`v${nodeVersion}`).toBe(process.version);
    expect(user?.uid).toBeGreaterThan(0);
    expect(env['NODE_ENV']).toBe('production');
  });

  it('ships production dependencies only, no sources, tests or TypeScript', async () => {
    const app = dirs.get(`${runtime.name}:/app`)!;
    expect((await readdir(app)).sort()).toEqual(['LICENSE', 'dist', 'docs', 'node_modules', 'package.json', 'sbom.cdx.json']);
    // docs/ holds the two ScanResult schemas `report --from-result` validates against, nothing else.
    expect((await readdir(join(app, 'docs'), { recursive: true })).sort()).toEqual(['scan-result.schema.json', 'schemas', 'schemas/scan-result-1.schema.json']);
    const modules = await readdir(join(app, 'node_modules'));
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies)) expect(existsSync(join(app, 'node_modules', dep)), dep).toBe(true);
    // Every package the lockfile marks dev-only (typescript, vitest, the node binary...) is gone.
    const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages).filter(([path, p]) => p.dev === true && path.startsWith('node_modules/') && !path.slice(13).includes('/node_modules/'));
    expect(devOnly.length).toBeGreaterThan(50);
    expect(devOnly.map(([path]) => path).filter((path) => existsSync(join(app, path)))).toEqual([]);
    const files = await readdir(join(app, 'dist'), { recursive: true });
    expect(files.filter((f) => f.endsWith('.test.js'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const bytes = await duBytes(app);
    // The application layer on top of node:<version>-bookworm-slim (printed for docs/install.md).
    console.log(`[image] /app: ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${modules.length} top-level modules`);
    expect(bytes).toBeLessThan(60 * 1024 * 1024);
    // Declarations and source maps are deleted in the build stage: nothing reads them at run time.
    const shipped = await readdir(join(app, 'node_modules'), { recursive: true });
    expect(shipped.filter((f) => /\.d\.[cm]?ts$|\.map$/.test(f))).toEqual([]);
  });

  it('the entrypoint scans the demo cluster and writes every report format as the image user', async () => {
    const out = join(work, 'reports');
    await mkdir(out);
    await chmod(out, 0o777);
    const r = await palisade(['scan', '--from', join(REPO_ROOT, 'examples/demo-cluster'), '--format', 'table,json,html,sarif,junit,csv,md,oscal,policyreport,openreports', '--output-dir', out]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect((await readdir(out)).length).toBe(10);
    const result = JSON.parse(await readFile(join(out, 'palisade.json'), 'utf8')) as { summary: { objects: { total: number } } };
    expect(result.summary.objects.total).toBe(202);
  });

  it('ships a CycloneDX SBOM listing every production dependency of package-lock.json, and no development one', async () => {
    const app = dirs.get(`${runtime.name}:/app`)!;
    const sbom = JSON.parse(await readFile(join(app, 'sbom.cdx.json'), 'utf8')) as {
      bomFormat: string;
      specVersion: string;
      metadata: { component: { name: string; version: string; type: string } };
      components: { name: string; group?: string; version: string; purl?: string; hashes?: unknown[] }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(Number(sbom.specVersion)).toBeGreaterThanOrEqual(1.5);
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    expect(sbom.metadata.component).toMatchObject({ name: pkg.name, version: pkg.version, type: 'application' });
    const listed = new Set(sbom.components.map((c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`));
    const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };
    const entries = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
    const id = ([path, p]: [string, { version?: string }]): string => `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${p.version ?? ''}`;
    const production = entries.filter(([, p]) => p.dev !== true).map(id);
    // yaml, @opentelemetry/api, @types/node, undici-types: production packages a dev package also
    // reaches, the ones `npm sbom --omit dev` used to drop.
    for (const name of ['yaml@', '@opentelemetry/api@', '@types/node@', 'undici-types@']) expect(production.some((p) => p.startsWith(name)), name).toBe(true);
    expect(production.filter((p) => !listed.has(p))).toEqual([]);
    const devOnly = new Set(entries.filter(([, p]) => p.dev === true).map(id));
    expect([...listed].filter((c) => devOnly.has(c))).toEqual([]);
    expect(listed.size).toBe(new Set(production).size);
    expect(sbom.components.every((c) => c.purl?.startsWith('pkg:npm/') && (c.hashes?.length ?? 0) > 0)).toBe(true);
  });

  it('report --from-result validates against the schemas shipped in the image', async () => {
    const out = join(work, 'from-result');
    await mkdir(out);
    await chmod(out, 0o777);
    const scan = await palisade(['scan', '--from', join(REPO_ROOT, 'examples/demo-cluster/tenant-acme'), '--format', 'json', '--output', join(out, 'scan.json')]);
    expect([0, 1], String(scan.stderr)).toContain(scan.exitCode);
    const ok = await palisade(['report', '--from-result', join(out, 'scan.json'), '--format', 'md']);
    expect([0, 1], String(ok.stderr)).toContain(ok.exitCode);
    const doc = JSON.parse(await readFile(join(out, 'scan.json'), 'utf8')) as { results: { status: string }[] };
    doc.results[0]!.status = 'bogus';
    await writeFile(join(out, 'bad.json'), JSON.stringify(doc));
    const bad = await palisade(['report', '--from-result', join(out, 'bad.json')]);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr)).toContain('(docs/scan-result.schema.json): at /results/0/status: must be one of');
  });

  it('the other commands load in the image layout: version, rules, help, probes-rbac', async () => {
    expect((await palisade(['version'])).stdout).toMatch(/^palisade \d+\.\d+\.\d+/);
    const rules = await palisade(['rules', '--format', 'json']);
    expect(rules.exitCode).toBe(0);
    expect((JSON.parse(String(rules.stdout)) as unknown[]).length).toBeGreaterThan(100);
    expect((await palisade(['serve', '--help'])).exitCode).toBe(0);
    const rbac = await palisade(['probes-rbac', '--from', join(REPO_ROOT, 'examples/demo-cluster')]);
    expect(rbac.exitCode, String(rbac.stderr)).toBe(0);
    expect(String(rbac.stdout)).toContain('kind: ClusterRole');
  });
});
