/**
 * Helm chart directories under `--from`: rendered with `helm template` (the user's helm, on PATH or
 * `--helm-bin`), so the chart's objects are scanned as they would be installed. Each rendered
 * document is located in the chart template it came from (helm's `# Source:` comment), so SARIF
 * and the table point at the template file.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { load as loadYaml, CORE_SCHEMA } from 'js-yaml';

export interface HelmOptions {
  /** The helm binary (`--helm-bin`); default `helm` on PATH. */
  bin?: string;
  /** `--helm-values FILE` (repeatable): passed to every chart as `--values FILE`, in order. */
  values?: readonly string[];
  /** `.Release.Namespace`: the `--namespace` value, else `default`. */
  namespace?: string;
}

/** Rendering output over this is refused (helm itself has no bound; a runaway `range` could fill memory). */
const MAX_RENDER_BYTES = 256 * 1024 * 1024;

export type RenderOutcome = { ok: true; text: string } | { ok: false; reason: 'helm-unavailable' | 'helm-template'; message: string };

/** A directory is a chart when it holds Chart.yaml (as helm decides). */
export const CHART_FILE = 'Chart.yaml';

/** The chart's `name` from Chart.yaml: the first segment of every `# Source:` path. */
export async function chartName(dir: string): Promise<string> {
  try {
    const meta = loadYaml(await readFile(join(dir, CHART_FILE), 'utf8'), { schema: CORE_SCHEMA }) as { name?: unknown } | null;
    if (meta && typeof meta.name === 'string' && meta.name !== '') return meta.name;
  } catch {
    // helm reports a broken Chart.yaml itself
  }
  return basename(dir);
}

/** `helm template <release> <dir> --namespace NS [--values F]...`; the release is named after the directory. */
export function renderChart(dir: string, display: string, opts: HelmOptions): Promise<RenderOutcome> {
  const bin = opts.bin ?? 'helm';
  const release = releaseName(basename(dir));
  const args = ['template', release, dir, '--namespace', opts.namespace ?? 'default', ...(opts.values ?? []).flatMap((v) => ['--values', v])];
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: MAX_RENDER_BYTES, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, text: stdout });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES') {
        const what = opts.bin === undefined ? 'helm was not found on PATH' : `--helm-bin ${bin}: ${code === 'ENOENT' ? 'no such file' : 'not executable'}`;
        return resolve({
          ok: false,
          reason: 'helm-unavailable',
          message: `${display}: Helm chart not rendered: ${what}; install helm (https://helm.sh/docs/intro/install/) or pass --helm-bin PATH, or render it yourself: helm template ${release} ${display} | palisade scan --from - --stdin-filename ${display}/rendered.yaml`,
        });
      }
      const detail = (stderr || (err as Error).message).trim().split('\n').slice(0, 3).join('; ');
      const hint = /missing in charts\/ directory|dependencies/.test(detail) ? ` (run: helm dependency build ${display})` : '';
      resolve({ ok: false, reason: 'helm-template', message: `${display}: helm template failed: ${detail}${hint}` });
    });
  });
}

/** A release name helm accepts (DNS label, at most 53 characters). */
function releaseName(dirName: string): string {
  const name = dirName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53).replace(/-+$/, '');
  return name === '' ? 'release' : name;
}

export interface RenderedDocument {
  /** The template the document came from, as a path under the scanned chart directory. */
  file: string;
  /** The document text. */
  text: string;
}

/**
 * Splits `helm template` output at its `# Source: <chart>/templates/x.yaml` comments. `<chart>` is
 * the chart's name; subcharts are `<chart>/charts/<sub>/templates/...`. Documents without a Source
 * comment (none in practice) are located at the chart directory.
 */
export function splitRendered(text: string, chart: string, chartDisplay: string): RenderedDocument[] {
  const docs: RenderedDocument[] = [];
  for (const part of text.split(/^---[ \t]*$/m)) {
    if (part.trim() === '') continue;
    const source = /^# Source: (.+)$/m.exec(part)?.[1]?.trim();
    const rel = source !== undefined && source.startsWith(`${chart}/`) ? source.slice(chart.length + 1) : source;
    docs.push({ file: rel !== undefined ? `${chartDisplay}/${rel}` : chartDisplay, text: part.replace(/^\n/, '') });
  }
  return docs;
}

/**
 * The line in a template where an object of this kind starts: the line of its `kind:` in the
 * template source (the first one not yet used by an earlier document of the same template), else 1.
 */
export function templateLine(source: string | undefined, kind: string, used: Set<number>): number {
  if (source === undefined) return 1;
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (used.has(i + 1)) continue;
    const m = /^kind:\s*["']?([A-Za-z0-9]+)["']?\s*(#.*)?$/.exec(lines[i]!);
    if (m && m[1] === kind) {
      used.add(i + 1);
      // The document starts at its apiVersion when that is the line above.
      return i > 0 && /^apiVersion:/.test(lines[i - 1]!) ? i : i + 1;
    }
  }
  return 1;
}
