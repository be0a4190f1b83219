/**
 * The HTML report in a real browser (Debian chromium driven by playwright-core): no console
 * errors, no network request but the file itself, the summary equals the JSON, filters and
 * search work, hostile object names stay text, and the printed PDF has the sections on their
 * own pages. A screenshot and the PDF go to test-artifacts/ (git-ignored) for a human look.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { renderHtml } from '../../src/report/html/render.js';
import type { ScanResult } from '../../src/report/model.js';
import { SAMPLE_RESULTS, sampleResult, XSS_NAME } from '../fixtures/reports/sample.ts';
import { onPath, requirePrereq } from '../helpers/prereq.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = requirePrereq('chromium (Debian package)', onPath('chromium'));
const ARTIFACTS = join(import.meta.dirname, '../../test-artifacts');
/** The DOM as far as these checks use it (the project is type-checked without the DOM library). */
interface DomBox {
  offsetParent: unknown;
  dataset: Record<string, string>;
}
type GetComputedStyle = (el: unknown) => { breakBefore: string };

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Opened {
  page: Page;
  url: string;
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

describe.skipIf(!hasChromium)('HTML report in headless Chromium', () => {
  let ctx: BrowserContext;
  let dir: string;
  const result: ScanResult = sampleResult();

  async function open(r: ScanResult, name: string): Promise<Opened> {
    const file = join(dir, name);
    await writeFile(file, renderHtml(r));
    const page = await ctx.newPage();
    const opened: Opened = { page, url: pathToFileURL(file).href, requests: [], consoleErrors: [], dialogs: [] };
    page.on('request', (req) => opened.requests.push(req.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') opened.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => opened.consoleErrors.push(e.message));
    page.on('dialog', (d) => {
      opened.dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(opened.url, { waitUntil: 'load' });
    return opened;
  }

  const visibleRows = (page: Page) =>
    page.$$eval('tr.result', (rows) =>
      rows
        .filter((r) => (r as unknown as DomBox).offsetParent !== null)
        .map((r): Record<string, string> => ({ ...(r as unknown as DomBox).dataset, text: (r as unknown as { textContent: string | null }).textContent ?? '' })),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'palisade-html-'));
    ctx = await chromium.launchPersistentContext(await mkdtemp(join(tmpdir(), 'palisade-chromium-profile-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1400, height: 1000 },
    });
  });

  afterAll(async () => {
    await ctx?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('loads with no console errors, no network request and no script from object names', async () => {
    const o = await open(result, 'sample.html');
    expect(o.consoleErrors).toEqual([]);
    expect(o.requests).toEqual([o.url]);
    expect(o.dialogs).toEqual([]);
    // the hostile name is shown as text, and the page has exactly one script element (ours)
    expect(await o.page.locator('code', { hasText: XSS_NAME }).count()).toBeGreaterThan(0);
    expect(await o.page.$$eval('script', (s) => s.length)).toBe(1);
    await o.page.close();
  });

  it('shows the same summary numbers as the JSON', async () => {
    const o = await open(result, 'summary.html');
    const metric = async (m: string) => (await o.page.locator(`[data-metric="${m}"]`).first().textContent())?.trim();
    const c = result.summary.counts;
    expect(await metric('score')).toBe(String(result.summary.score));
    expect(await metric('count-fail')).toBe(String(c.fail));
    expect(await metric('count-pass')).toBe(String(c.pass));
    expect(await metric('count-waived')).toBe(String(c.waived));
    expect(await metric('count-unknown')).toBe(String(c.unknown));
    expect(await metric('count-error')).toBe(String(c.error));
    expect(await metric('count-not-applicable')).toBe(String(c.notApplicable));
    expect(await metric('coverage')).toBe(`${Math.round((result.summary.coverage.ratio ?? 0) * 1000) / 10}%`);
    await o.page.close();
  });

  it('the demo cluster scan: HTML written by the CLI shows the numbers of the JSON written with it', async () => {
    const out = join(dir, 'demo');
    const sink = new (class extends Writable {
      override _write(_c: unknown, _e: BufferEncoding, cb: () => void): void {
        cb();
      }
    })();
    await run(['scan', '--from', join(import.meta.dirname, '../../examples/demo-cluster'), '--format', 'json,html', '--output-dir', out], { stdout: sink, stderr: sink, env: {} });
    const json = parseResult(await readFile(join(out, 'palisade.json'), 'utf8'));
    const page = await ctx.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(out, 'palisade.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    const metric = async (m: string) => (await page.locator(`[data-metric="${m}"]`).first().textContent())?.trim();
    expect(await metric('score')).toBe(String(json.summary.score));
    expect(await metric('count-fail')).toBe(String(json.summary.counts.fail));
    expect(await metric('count-pass')).toBe(String(json.summary.counts.pass));
    expect(await metric('count-not-applicable')).toBe(String(json.summary.counts.notApplicable));
    expect(await page.$$eval('tr.result', (rows) => rows.length)).toBe(json.results.length);
    await page.selectOption('#f-severity', 'critical');
    const critical = json.results.filter((r) => r.severity === 'critical' && ['fail', 'waived', 'unknown', 'error'].includes(r.status)).length;
    expect(await page.textContent('#f-count')).toBe(String(critical));
    expect((await visibleRows(page)).every((r) => r['severity'] === 'critical')).toBe(true);
    await page.close();
  });

  it('filters by severity, status and namespace, and searches text', async () => {
    const o = await open(result, 'filters.html');
    const problems = new Set(['fail', 'waived', 'unknown', 'error']);
    // default: problems only
    // default (rendered server-side, no script work on load): problems only, and the counter agrees
    const problemCount = SAMPLE_RESULTS.filter((r) => problems.has(r.status)).length;
    expect((await visibleRows(o.page)).length).toBe(problemCount);
    expect(await o.page.textContent('#f-count')).toBe(String(problemCount));
    await o.page.selectOption('#f-status', '');
    expect((await visibleRows(o.page)).length).toBe(SAMPLE_RESULTS.length);
    await o.page.selectOption('#f-severity', 'high');
    const high = await visibleRows(o.page);
    expect(high.length).toBe(SAMPLE_RESULTS.filter((r) => r.severity === 'high').length);
    expect(high.every((r) => r['severity'] === 'high')).toBe(true);
    expect(await o.page.textContent('#f-count')).toBe(String(high.length));
    // groups without a visible row are hidden
    expect(await o.page.locator('.rule-group[data-rule="pss/privileged"]').isVisible()).toBe(false);
    await o.page.selectOption('#f-namespace', 'team-b');
    expect((await visibleRows(o.page)).map((r) => r.text)).toEqual([expect.stringContaining('Deployment/team-b/db')]);
    await o.page.selectOption('#f-severity', '');
    await o.page.selectOption('#f-namespace', '');
    await o.page.selectOption('#f-status', 'pass');
    expect((await visibleRows(o.page)).map((r) => r['status'])).toEqual(['pass']);
    await o.page.selectOption('#f-status', '');
    await o.page.fill('#f-search', 'SEC-42');
    expect((await visibleRows(o.page)).map((r) => r.text)).toEqual([expect.stringContaining('Deployment/team-a/legacy')]);
    await o.page.fill('#f-search', 'alert(1)');
    expect((await visibleRows(o.page)).length).toBe(1);
    await o.page.fill('#f-search', 'no such thing anywhere');
    expect((await visibleRows(o.page)).length).toBe(0);
    expect(o.consoleErrors).toEqual([]);
    await o.page.close();
  });

  it('prints every section on its own page, without the filter bar; saves a screenshot and the PDF', async () => {
    const o = await open(result, 'print.html');
    await mkdir(ARTIFACTS, { recursive: true });
    await o.page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: true });
    await o.page.emulateMedia({ media: 'print' });
    expect(await o.page.locator('.filters').isVisible()).toBe(false);
    // The printout is what is on screen (filtered rows stay hidden); every section must be there.
    const sections = await o.page.$$eval('section.report-section', (ss) =>
      ss.map((s) => ({
        id: s.id,
        visible: (s as unknown as DomBox).offsetParent !== null,
        breakBefore: ((globalThis as unknown as { getComputedStyle: GetComputedStyle }).getComputedStyle)(s).breakBefore,
      })),
    );
    expect(sections.map((s) => s.id)).toEqual(['summary', 'frameworks', 'tenants', 'findings', 'waivers', 'metadata']);
    expect(sections.every((s) => s.visible)).toBe(true);
    expect(sections.slice(1).every((s) => s.breakBefore === 'page')).toBe(true);
    const pdf = await o.page.pdf({ format: 'A4', printBackground: true });
    await writeFile(join(ARTIFACTS, 'html-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(6);
    await o.page.close();
  });
});
