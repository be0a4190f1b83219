import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import { EXIT } from '../cli/io.js';
import { CHROMIUM_ENV, chromiumArgs, findChromium } from './pdf.js';

const DEMO = join(import.meta.dirname, '../../examples/demo-cluster');

describe('finding the browser for --format pdf', () => {
  const present = (...paths: string[]) => (p: string) => paths.includes(p);

  it('takes --chromium first, then $PALISADE_CHROMIUM, then the first known name on PATH', () => {
    const env = { [CHROMIUM_ENV]: '/opt/chrome/chrome', PATH: '/usr/local/bin:/usr/bin' };
    const all = present('/x/chromium', '/opt/chrome/chrome', '/usr/bin/chromium', '/usr/local/bin/google-chrome');
    expect(findChromium('/x/chromium', env, all)).toEqual({ path: '/x/chromium', from: '--chromium' });
    expect(findChromium(undefined, env, all)).toEqual({ path: '/opt/chrome/chrome', from: CHROMIUM_ENV });
    // chromium is looked for in every PATH directory before google-chrome
    expect(findChromium(undefined, { PATH: env.PATH }, all)).toEqual({ path: '/usr/bin/chromium', from: 'PATH' });
    expect(findChromium(undefined, { PATH: env.PATH }, present('/usr/local/bin/google-chrome'))).toEqual({ path: '/usr/local/bin/google-chrome', from: 'PATH' });
  });

  it('names what is wrong when nothing (or nothing executable) is found', () => {
    const none = () => false;
    expect(findChromium('/nope', {}, none)).toEqual({ error: '--chromium /nope: not an executable file' });
    expect(findChromium(undefined, { [CHROMIUM_ENV]: '/nope' }, none)).toEqual({ error: `$${CHROMIUM_ENV} /nope: not an executable file` });
    const missing = findChromium(undefined, { PATH: '/usr/bin' }, none);
    expect('error' in missing && missing.error).toMatch(/^--format pdf needs Chromium or Chrome, and none was found \(looked for chromium, chromium-browser, google-chrome/);
  });

  it('prints headless, to the given file, in a private profile; --no-sandbox only when asked (root)', () => {
    const args = chromiumArgs('file:///t/r.html', '/t/r.pdf', '/t/profile', false);
    expect(args).toContain('--headless');
    expect(args).toContain('--print-to-pdf=/t/r.pdf');
    expect(args).toContain('--user-data-dir=/t/profile');
    expect(args).toContain('--no-pdf-header-footer');
    expect(args.at(-1)).toBe('file:///t/r.html');
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs('u', 'p', 'd', true)).toContain('--no-sandbox');
  });
});

describe('palisade scan --format pdf without a browser', { timeout: 60_000 }, () => {
  it('says so in one line and exits 2 before scanning', async () => {
    const r = await runCli(['scan', '--from', DEMO, '--format', 'pdf', '--output', '/tmp/never-written.pdf'], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(EXIT.usage);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^palisade scan: --format pdf needs Chromium or Chrome, and none was found .*--chromium PATH/)]);
    const given = await runCli(['scan', '--from', DEMO, '--format', 'pdf', '--output', '/tmp/never-written.pdf', '--chromium', '/nonexistent/chromium'], { env: {} });
    expect(given.code).toBe(EXIT.usage);
    expect(given.stderr).toBe('palisade scan: --chromium /nonexistent/chromium: not an executable file\n');
  });

  it('a browser that prints nothing: one line naming the file, no file left, exit 3; the other formats are written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-pdf-'));
    try {
      const r = await runCli(['scan', '--from', DEMO, '--format', 'pdf,md', '--output-dir', dir, '--chromium', '/bin/true'], { env: {} });
      expect(r.code).toBe(EXIT.incomplete);
      expect(r.stderr).toContain(`palisade: could not write ${join(dir, 'palisade.pdf')}: /bin/true wrote no PDF (is it Chromium or Chrome?)\n`);
      expect(await readdir(dir)).toEqual(['palisade.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to write a PDF to a terminal, and rejects an unknown --html-appendix', async () => {
    const tty = await runCli(['scan', '--from', DEMO, '--format', 'pdf'], { tty: true, env: { PATH: '/nonexistent' } });
    expect(tty.code).toBe(EXIT.usage);
    expect(tty.stderr).toContain('--format pdf is binary: give --output FILE');
    const bad = await runCli(['scan', '--from', DEMO, '--format', 'html', '--html-appendix', 'some'], {});
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('--html-appendix some: expected none or full');
  });
});
