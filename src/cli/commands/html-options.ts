/**
 * The options of the HTML and PDF reports, shared by `scan` and `report` (a module of its own:
 * scan.ts and report.ts import each other, and the usage text is read while they load).
 */
import type { OutputFormat } from '../../report/formats.js';
import { HTML_APPENDIX_VALUES, type HtmlAppendix } from '../../report/html/render.js';
import { findChromium } from '../../report/pdf.js';
import { InputError, UsageError, type Io } from '../io.js';

/** `--html-appendix none|full` (HTML and PDF: whether the collapsed evidence is printed). */
export function htmlAppendixOf(value: string | undefined): HtmlAppendix | undefined {
  if (value === undefined) return undefined;
  if (!(HTML_APPENDIX_VALUES as readonly string[]).includes(value)) throw new UsageError(`--html-appendix ${value}: expected ${HTML_APPENDIX_VALUES.join(' or ')}`);
  return value as HtmlAppendix;
}

/**
 * The browser for `--format pdf`, found before any work is done: `--chromium PATH`, else
 * $PALISADE_CHROMIUM, else PATH. None found is one line and exit 2 (InputError).
 */
export function chromiumFor(formats: readonly { format: OutputFormat }[], flag: string | undefined, env: Record<string, string | undefined>): string | undefined {
  if (!formats.some((d) => d.format.name === 'pdf')) return undefined;
  const found = findChromium(flag, env);
  if ('error' in found) throw new InputError(found.error);
  return found.path;
}

/** Binary formats (PDF) are not written to a terminal. */
export function checkBinaryToTerminal(dests: readonly { format: OutputFormat; path?: string }[], io: Io): void {
  const d = dests.find((x) => x.format.binary === true && x.path === undefined);
  if (d && io.stdout.isTTY === true) throw new UsageError(`--format ${d.format.name} is binary: give --output FILE or --output-dir DIR (or redirect stdout)`);
}

export const HTML_OPTIONS_USAGE = `
  --html-appendix none|full  HTML and PDF: also print each finding's evidence (default none: the
                       evidence is collapsed in the HTML and left out of the printout, which says so)
  --chromium PATH      PDF: the Chromium or Chrome to print with (else $PALISADE_CHROMIUM, else
                       chromium, chromium-browser, google-chrome on PATH; none found: exit 2)`;
