import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let dir: string;
let clean: string;
let bad: string;
let only: string;
let baseline: string;
const POD = (name: string, privileged: boolean) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  containers: [{name: app, image: nginx:1.27, securityContext: {privileged: ${privileged}}}]\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-gates-'));
  only = join(dir, 'only.yaml');
  await writeFile(only, 'rules:\n  only: [pss/privileged]\n');
  clean = join(dir, 'clean.yaml');
  await writeFile(clean, POD('web', false) + '---\n' + POD('api', false));
  bad = join(dir, 'bad.yaml');
  await writeFile(bad, POD('web', true) + '---\n' + POD('api', false));
  baseline = join(dir, 'baseline.json');
  expect((await runCli(['scan', '--from', clean, '--config', only, '--format', 'json', '--output', baseline])).code).toBe(0);
});

describe('--fail-below-score', () => {
  it('exit 1 below the threshold, with the score on stderr; 0 at or above it', async () => {
    const below = await runCli(['scan', '--from', bad, '--config', only, '--fail-below-score', '90', '--format', 'json']);
    const score = (JSON.parse(below.stdout) as { summary: { score: number } }).summary.score;
    expect(score).toBeLessThan(90);
    expect(below.code).toBe(1);
    expect(below.stderr).toBe(`palisade: --fail-below-score 90: the score is ${score}\n`);
    const at = await runCli(['scan', '--from', bad, '--config', only, '--fail-below-score', String(score)]);
    expect(at.code).toBe(0);
    expect(at.stderr).toBe('');
    expect((await runCli(['scan', '--from', clean, '--config', only, '--fail-below-score', '100'])).code).toBe(0);
  });

  it('report --from-result applies it too', async () => {
    const saved = join(dir, 'bad.json');
    await runCli(['scan', '--from', bad, '--config', only, '--format', 'json', '--output', saved]);
    const r = await runCli(['report', '--from-result', saved, '--fail-below-score', '100', '--format', 'json', '--output', join(dir, 'again.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--fail-below-score 100: the score is');
  });

  it('a threshold that is not a whole number 0-100 is a usage error', async () => {
    for (const v of ['101', '-1', '7.5', 'high', '']) {
      const r = await runCli(['scan', '--from', clean, `--fail-below-score=${v}`]);
      expect(r.code, v).toBe(2);
      expect(r.stderr).toContain('expected a whole number 0-100');
    }
  });
});

describe('--fail-on-new', () => {
  it('exit 1 and the new findings listed on stderr, one per line', async () => {
    const r = await runCli(['scan', '--from', bad, '--config', only, '--baseline', baseline, '--fail-on-new', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^palisade: --fail-on-new: 1 new finding\(s\) since the baseline \(.+clean\.yaml, .+\):\n {2}pss\/privileged {2}Pod\/shop\/web\n$/);
  });

  it('nothing new: exit 0, nothing listed', async () => {
    const r = await runCli(['scan', '--from', clean, '--config', only, '--baseline', baseline, '--fail-on-new']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('scan PATH...', () => {
  it('paths after the options are scanned like --from PATH (how pre-commit passes file names)', async () => {
    const r = await runCli(['scan', '--config', only, '--fail-on', 'critical', clean, bad]);
    expect(r.code).toBe(1);
    const both = await runCli(['scan', '--config', only, '--format', 'json', '--from', clean, bad]);
    expect(both.stdout).toContain('bad.yaml');
    expect(both.stdout).toContain('clean.yaml');
  });
});
