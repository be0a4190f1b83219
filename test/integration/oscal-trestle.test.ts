/**
 * The OSCAL report checked by a real OSCAL implementation: compliance-trestle's `trestle validate`
 * (pydantic models generated from NIST's OSCAL 1.1.x JSON schemas — required fields, closed
 * objects, enumerations, UUID/token/date-time patterns — plus its duplicate-UUID check), run
 * from the pinned venv .cache/venv-oscal that test/tools/oscal-venv.sh sets up (.ci/run calls
 * it). The demo cluster's report, a report with a baseline comparison and the sample fixture
 * must pass; negative controls show trestle rejects a broken document with a precise message.
 */
import { execFileSync } from 'node:child_process';
import { expandResult, parseResult } from '../helpers/result-json.js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT, run } from '../../src/cli/run.js';
import type { RuleResult } from '../../src/model/result.js';
import type { ScanResult } from '../../src/report/model.js';
import { OSCAL_NS, renderOscal } from '../../src/report/oscal.js';
import { FRAMEWORKS_SECTION, sampleResult } from '../fixtures/reports/sample.ts';
import { requirePrereq } from '../helpers/prereq.ts';
import { runCli } from '../helpers/cli.ts';

const ROOT = join(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo-cluster');
const VENV = join(ROOT, '.cache/venv-oscal');
const TRESTLE = join(VENV, 'bin/trestle');
const REQUIREMENTS = join(ROOT, 'test/tools/oscal-requirements.txt');
const SETUP = 'run `bash test/tools/oscal-venv.sh`';

/** The venv exists, was built from the current requirements file and runs the pinned trestle. */
function trestleReady(): true | string {
  if (!existsSync(TRESTLE)) return `${TRESTLE} not found: ${SETUP}`;
  const requirements = readFileSync(REQUIREMENTS);
  const stampFile = join(VENV, '.requirements.sha256');
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (stamp !== createHash('sha256').update(requirements).digest('hex')) return `${VENV} was not built from the current ${REQUIREMENTS}: ${SETUP}`;
  const pinned = /^compliance-trestle==(\S+)$/m.exec(requirements.toString('utf8'))?.[1];
  const version = execFileSync(TRESTLE, ['version'], { encoding: 'utf8' }).trim();
  return pinned !== undefined && version.includes(`v${pinned} `) ? true : `${TRESTLE} reports "${version}", pinned is ${pinned ?? '(none)'}: ${SETUP}`;
}

const hasTrestle = requirePrereq('compliance-trestle (.cache/venv-oscal, from test/tools/oscal-venv.sh)', trestleReady);

/** The parts of the document the negative controls change. */
type Obj = Record<string, unknown>;
interface OscalDoc {
  'assessment-results': {
    metadata: Obj & { props: Obj[] };
    results: Array<Obj & { observations: Obj[]; findings: Array<Obj & { target: { status: { state: string } } }> }>;
  };
}

interface Verdict {
  exitCode: number;
  output: string;
}



/** The first lines of trestle's output (a broken report can produce thousands), for assertion messages. */
function excerpt(output: string, lines = 30): string {
  const all = output.split('\n');
  return all.length <= lines ? output : `${all.slice(0, lines).join('\n')}\n… (${all.length - lines} more lines)`;
}

describe.skipIf(!hasTrestle)('OSCAL report validated by compliance-trestle', () => {
  let workspace: string;
  let scanDir: string;
  let demoText: string;
  let demo: OscalDoc;

  /** `trestle validate -f` on the document, placed as a model in the trestle workspace. */
  async function trestleValidate(name: string, doc: string | OscalDoc): Promise<Verdict> {
    const dir = join(workspace, 'assessment-results', name);
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'assessment-results.json');
    await writeFile(file, typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
    const r = await execa(TRESTLE, ['validate', '-f', file], { cwd: workspace, all: true, reject: false });
    return { exitCode: r.exitCode ?? -1, output: r.all };
  }

  function expectValid(v: Verdict): void {
    expect(v.exitCode, excerpt(v.output)).toBe(0);
    expect(v.output).toMatch(/^VALID: Model .* passed the Validator/m);
  }

  beforeAll(async () => {
    const tmp = await mkdtemp(join(tmpdir(), 'palisade-oscal-'));
    workspace = join(tmp, 'trestle');
    scanDir = join(tmp, 'scan');
    await mkdir(workspace);
    await execa(TRESTLE, ['init'], { cwd: workspace });
    const r = await runCli(['scan', '--from', DEMO, '--format', 'oscal,json', '--output-dir', scanDir]);
    expect(r.stderr).toContain('wrote oscal report');
    expect([EXIT.ok, EXIT.incomplete]).toContain(r.code);
    demoText = await readFile(join(scanDir, 'palisade.oscal.json'), 'utf8');
    demo = JSON.parse(demoText) as OscalDoc;
  }, 120_000);

  it('accepts the demo cluster report', async () => {
    // A real document, not an empty shell: the demo cluster has failing objects and mapped controls.
    const res = demo['assessment-results'].results[0]!;
    expect(res.observations.length).toBeGreaterThan(100);
    expect(res.findings.length).toBeGreaterThan(20);
    expect(res.findings.some((f) => f.target.status.state === 'satisfied')).toBe(true);
    expect(demo['assessment-results'].metadata.props[0]).toMatchObject({ ns: OSCAL_NS });
    expectValid(await trestleValidate('demo', demoText));
  });

  it('accepts the report of a scan compared with a baseline', async () => {
    // A baseline with different findings: two of today's failures missing, one extra that is fixed now.
    const current = parseResult(await readFile(join(scanDir, 'palisade.json'), 'utf8'));
    const fails = current.results.filter((r) => r.status === 'fail');
    const gone: RuleResult = { ...fails[0]!, object: { ...fails[0]!.object, name: 'removed-since' } };
    const previous = { ...current, startedAt: '2026-01-01T00:00:00.000Z', results: [...current.results.filter((r) => r !== fails[1] && r !== fails[2]), gone] };
    const baselineFile = join(scanDir, 'previous.json');
    await writeFile(baselineFile, JSON.stringify(previous));
    const outDir = join(scanDir, 'with-baseline');
    const r = await runCli(['report', '--from-result', join(scanDir, 'palisade.json'), '--baseline', baselineFile, '--format', 'oscal,json', '--output-dir', outDir]);
    expect(r.stderr).toContain('wrote oscal report');
    const compared = parseResult(await readFile(join(outDir, 'palisade.json'), 'utf8'));
    expect(compared.baseline?.counts).toMatchObject({ new: 2, fixed: 1 });
    expectValid(await trestleValidate('with-baseline', await readFile(join(outDir, 'palisade.oscal.json'), 'utf8')));
  });

  it('accepts the sample report (waivers, manifest locations, tenants, framework module with a manual control) and a report with no control', async () => {
    expectValid(await trestleValidate('sample', renderOscal(sampleResult({ extra: { frameworks: FRAMEWORKS_SECTION } }))));
    expectValid(await trestleValidate('empty', renderOscal(sampleResult({ results: [], extra: { rules: [] } }))));
  });

  const broken: Array<[string, (d: OscalDoc) => void, RegExp[]]> = [
    ['metadata.title missing', (d) => delete d['assessment-results'].metadata['title'], [/^metadata -> title\n\s+field required/m]],
    ['result uuid not a UUID', (d) => (d['assessment-results'].results[0]!['uuid'] = 'not-a-uuid'), [/^results -> 0 -> uuid\n\s+string does not match regex/m]],
    ['observation methods a string, not a list', (d) => (d['assessment-results'].results[0]!.observations[0]!['methods'] = 'TEST'), [/^results -> 0 -> observations -> 0 -> methods\n\s+value is not a valid list/m]],
    [
      'finding state outside the enumeration',
      (d) => (d['assessment-results'].results[0]!.findings[0]!.target.status.state = 'passed'),
      [/^results -> 0 -> findings -> 0 -> target -> status -> state\n\s+value is not a valid enumeration member; permitted: 'satisfied', 'not-satisfied'/m],
    ],
    ['a property not in OSCAL', (d) => (d['assessment-results'].results[0]!['palisade-score'] = 97), [/^results -> 0 -> palisade-score\n\s+extra fields not permitted/m]],
    // Palisade's former property namespace: a URN, which OSCAL's `uri` type allows but trestle's URL type does not.
    ['property namespace a URN', (d) => (d['assessment-results'].metadata.props[0]!['ns'] = 'urn:palisade:oscal'), [/^metadata -> props -> 0 -> ns\n\s+invalid or missing URL scheme/m]],
  ];

  it.each(broken)('rejects the demo report with %s', async (name, mutate, messages) => {
    const doc = structuredClone(demo);
    mutate(doc);
    const v = await trestleValidate(`broken-${name.replace(/[^a-z0-9]+/gi, '-')}`, doc);
    expect(v.exitCode, excerpt(v.output)).not.toBe(0);
    // Exactly the one error introduced: the rest of the document is valid.
    expect(v.output).toContain('1 validation error for AssessmentResults');
    for (const m of messages) expect(v.output).toMatch(m);
  });

  it('rejects a document with a duplicated observation UUID', async () => {
    const doc = structuredClone(demo);
    const [first, second] = doc['assessment-results'].results[0]!.observations;
    second!['uuid'] = first!['uuid'];
    const v = await trestleValidate('duplicate-uuid', doc);
    expect(v.exitCode, excerpt(v.output)).not.toBe(0);
    expect(v.output).toContain(`Duplicate detected of item ${String(first!['uuid'])} with 2 instances`);
    expect(v.output).toMatch(/^INVALID: Model .* did not pass the Validator to check for duplicate uuids/m);
  });
});
