/**
 * Helm chart directories under --from are rendered with `helm template` (the pinned helm from
 * test/tools/helm, as --helm-bin; under CI=true a missing helm fails): the rendered objects are
 * scanned and located in their templates (SARIF points at the template file), --helm-values
 * changes the rendering, and without helm the error says how to render the chart.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitRendered, templateLine } from '../../src/inventory/helm.js';
import { EXIT } from '../../src/cli/io.js';
import { HELM } from '../cluster/build.ts';
import { helmAvailable } from '../helpers/helm.ts';
import { parseResult } from '../helpers/result-json.js';
import { runCli } from '../helpers/cli.js';

const helmOk = await helmAvailable();

const DEPLOYMENT = `# The shop's web tier
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-web
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: "{{ .Values.image }}"
          securityContext:
            privileged: {{ .Values.privileged }}
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}-web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: {{ .Release.Name }}-admin}
spec:
  selector: {app: web}
  ports: [{port: 8080}]
`;

let root: string;
let chart: string;
let values: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'palisade-helm-'));
  chart = join(root, 'deploy', 'shop');
  await mkdir(join(chart, 'templates'), { recursive: true });
  await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: shop-chart\nversion: 0.1.0\n');
  await writeFile(join(chart, 'values.yaml'), 'image: registry.example/shop:1.0\nprivileged: false\n');
  await writeFile(join(chart, 'templates', 'deployment.yaml'), DEPLOYMENT);
  await writeFile(join(chart, 'templates', 'services.yaml'), SERVICES);
  await writeFile(join(chart, 'templates', 'NOTES.txt'), 'installed {{ .Release.Name }}\n');
  // A plain manifest beside the chart is read as usual.
  await writeFile(join(root, 'deploy', 'namespace.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
  values = join(root, 'prod-values.yaml');
  await writeFile(values, 'privileged: true\n');
});

const shown = (path: string): string => path.slice(path.indexOf(`${basename(root)}/`) + basename(root).length + 1);

describe.skipIf(!helmOk)('Helm chart directories under --from', () => {
  it('are rendered with helm template; objects are located in their templates; the chart is not read as YAML', async () => {
    const r = await runCli(['scan', '--from', join(root, 'deploy'), '--helm-bin', HELM, '--namespace', 'shop', '--format', 'json']);
    const result = parseResult(r.stdout);
    expect(result.errors).toEqual([]);
    expect(result.skipped).toBeUndefined();
    expect(r.code).toBe(EXIT.ok);
    const objects = [...result.results].map((x) => x.object);
    const where = (kind: string, name: string): string => {
      const loc = result.results.find((x) => x.object.kind === kind && x.object.name === name && x.location)?.location;
      return loc ? `${shown(loc.file)}:${loc.line}` : 'not found';
    };
    // release name = directory name; namespace from --namespace
    expect(objects.find((o) => o.kind === 'Deployment')).toMatchObject({ name: 'shop-web', namespace: 'shop' });
    expect(where('Deployment', 'shop-web')).toBe('deploy/shop/templates/deployment.yaml:2');
    expect(where('Service', 'shop-web')).toBe('deploy/shop/templates/services.yaml:1');
    expect(where('Service', 'shop-admin')).toBe('deploy/shop/templates/services.yaml:8');
    expect(where('Namespace', 'shop')).toBe('deploy/namespace.yaml:1');
    expect(result.results.find((x) => x.rule === 'pss/privileged' && x.object.kind === 'Deployment')?.status).toBe('pass');
  });

  it('--helm-values FILE (repeatable) is passed to helm; SARIF points at the template file', async () => {
    const more = join(root, 'image-values.yaml');
    await writeFile(more, 'image: registry.example/shop:2.0\n');
    const r = await runCli(['scan', '--from', chart, '--helm-bin', HELM, '--helm-values', values, '--helm-values', more, '--format', 'sarif']);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    const privileged = log.runs[0]?.results?.find((x) => x.ruleId === 'pss/privileged');
    expect(privileged?.message.text).toContain('Deployment/default/shop-web');
    const loc = privileged?.locations?.[0]?.physicalLocation;
    expect(shown(decodeURIComponent(loc?.artifactLocation?.uri ?? ''))).toBe('deploy/shop/templates/deployment.yaml');
    expect(loc?.region?.startLine).toBe(2);
    const json = parseResult((await runCli(['scan', '--from', chart, '--helm-bin', HELM, '--helm-values', values, '--helm-values', more, '--format', 'json'])).stdout);
    const evidence = JSON.stringify(json.results.filter((x) => x.object.kind === 'Deployment'));
    expect(evidence).not.toContain('shop:1.0');
  });

  it('a template error is an input error naming the chart (scan incomplete)', async () => {
    const broken = join(root, 'broken');
    await mkdir(join(broken, 'templates'), { recursive: true });
    await writeFile(join(broken, 'Chart.yaml'), 'apiVersion: v2\nname: broken\nversion: 0.1.0\n');
    await writeFile(join(broken, 'templates', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: {{ .Values.missing.name }}}\n');
    const r = await runCli(['scan', '--from', broken, '--from', join(root, 'deploy', 'namespace.yaml'), '--helm-bin', HELM, '--format', 'json']);
    expect(r.code).toBe(EXIT.incomplete);
    const err = parseResult(r.stdout).errors[0];
    expect(err?.reason).toBe('helm-template');
    expect(shown(err?.message ?? '')).toMatch(/^broken: helm template failed: .*nil pointer/);
  });
});

describe('Helm chart directories without helm', () => {
  it('helm not on PATH: an error that says how to render the chart (install helm, --helm-bin, or helm template | --from -)', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = join(root, 'no-helm-here');
    try {
      const r = await runCli(['scan', '--from', chart, '--from', join(root, 'deploy', 'namespace.yaml'), '--format', 'json']);
      expect(r.code).toBe(EXIT.incomplete);
      const error = parseResult(r.stdout).errors.find((e) => e.reason === 'helm-unavailable');
      expect(r.stderr).toContain(`palisade: ${error?.message}`);
      expect(shown(error?.message ?? '')).toMatch(
        /^deploy\/shop: Helm chart not rendered: helm was not found on PATH; install helm \(https:\/\/helm\.sh\/docs\/intro\/install\/\) or pass --helm-bin PATH, or render it yourself: helm template shop .*deploy\/shop \| palisade scan --from - --stdin-filename .*deploy\/shop\/rendered\.yaml$/,
      );
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('--helm-bin that does not exist says so; --helm-values must exist and needs --from', async () => {
    const r = await runCli(['scan', '--from', chart, '--helm-bin', join(root, 'nope', 'helm')]);
    expect(r.code).toBe(EXIT.incomplete);
    expect(r.stderr).toContain(`Helm chart not rendered: --helm-bin ${join(root, 'nope', 'helm')}: no such file`);
    const missing = await runCli(['scan', '--from', chart, '--helm-values', join(root, 'absent.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--helm-values ${join(root, 'absent.yaml')}: no such file`);
    const live = await runCli(['scan', '--helm-values', values]);
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('--helm-values and --helm-bin render Helm chart directories under --from; give --from PATH');
  });
});

describe('helm output parsing', () => {
  it('splits at "# Source:" comments, mapping the chart name to the scanned directory (subcharts too)', () => {
    const text = '---\n# Source: shop-chart/templates/a.yaml\napiVersion: v1\nkind: Service\n---\n# Source: shop-chart/charts/db/templates/b.yaml\nkind: Pod\n';
    expect(splitRendered(text, 'shop-chart', 'deploy/shop').map((d) => d.file)).toEqual(['deploy/shop/templates/a.yaml', 'deploy/shop/charts/db/templates/b.yaml']);
  });

  it("a document's line is its kind's line in the template (its apiVersion line when just above), each used once", () => {
    const used = new Set<number>();
    const src = 'apiVersion: v1\nkind: Service\n---\nkind: "Service"\n';
    expect([templateLine(src, 'Service', used), templateLine(src, 'Service', used), templateLine(src, 'Service', used), templateLine(undefined, 'Pod', used)]).toEqual([1, 4, 1, 1]);
  });
});
