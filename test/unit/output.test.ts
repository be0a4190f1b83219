/**
 * Output destinations (issue 13, points 4 and 8): paths are checked before the scan starts, a
 * write that fails names its file and exits 3, formats are written independently, and a closed
 * stdout ends quietly with exit 141.
 */
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo-cluster');
const NODE = join(ROOT, 'node_modules/node/bin/node');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-output-'));
});

describe('output paths are checked before any work', () => {
  it('--output-dir that is a file: one line, exit 2, nothing scanned', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const r = await runCli(['scan', '--from', DEMO, '--format', 'json,csv', '--output-dir', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toBe(`palisade scan: --output-dir ${file}: is a file, not a directory`);
    expect(r.stderr).not.toContain('internal error');
  });

  it('--output under a file, or naming a directory: one line, exit 2', async () => {
    const file = join(dir, 'plain');
    await writeFile(file, 'x');
    const under = await runCli(['scan', '--from', DEMO, '--format', 'json', '--output', join(file, 'r.json')]);
    expect(under.code).toBe(2);
    expect(under.stderr).toContain(`${file} is a file, not a directory`);
    const isDir = await runCli(['scan', '--from', DEMO, '--format', 'json', '--output', dir]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain(`--output ${dir}: is a directory`);
  });
});

describe('a failed write', () => {
  it('a full disk (/dev/full) names the file and exits 3, without a stack trace', async () => {
    const r = await runCli(['scan', '--from', DEMO, '--format', 'json', '--output', '/dev/full']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('palisade: could not write /dev/full: no space left on the device');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('formats are written independently: the one that fails is reported, the others are complete', async () => {
    const out = join(dir, 'several');
    await mkdir(out);
    await symlink('/dev/full', join(out, 'palisade.csv'));
    const r = await runCli(['scan', '--from', DEMO, '--format', 'csv,json,sarif', '--output-dir', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`could not write ${join(out, 'palisade.csv')}: no space left on the device`);
    expect((await readdir(out)).sort()).toEqual(['palisade.csv', 'palisade.json', 'palisade.sarif']);
    const json = JSON.parse(await readFile(join(out, 'palisade.json'), 'utf8')) as { schemaVersion: string };
    expect(json.schemaVersion).toBe('2.1');
    expect(JSON.parse(await readFile(join(out, 'palisade.sarif'), 'utf8'))).toHaveProperty('version', '2.1.0');
  });
});

describe('a closed stdout', () => {
  it('`palisade scan … | head -c 100` ends quietly with exit 141', async () => {
    const r = await execa('bash', ['-c', `set -o pipefail; "${NODE}" --experimental-transform-types --import ./test/fixtures/metrics/ts-resolve.mjs src/cli/main.ts scan --from "${DEMO}" --format json | head -c 100 > /dev/null`], {
      cwd: ROOT,
      reject: false,
    });
    expect(r.exitCode).toBe(141);
    expect(String(r.stderr)).not.toMatch(/internal error|EPIPE|\n\s+at /);
  }, 120_000);
});
