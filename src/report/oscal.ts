/**
 * OSCAL 1.1.2 assessment-results (JSON). One result per scan with: reviewed controls (every
 * framework control a rule references, or that a framework module reported), one observation
 * per evaluated rule × object result that is not a plain pass (its evidence as relevant
 * evidence), and one finding per control (satisfied / not-satisfied) linked to its observations.
 * UUIDs are derived from the content (version-5 layout), so re-rendering a saved result gives
 * the same document.
 */
import { scanResultSha256 } from './integrity.js';
import { refString } from '../model/k8s.js';
import type { RuleResult } from '../model/result.js';
import { evidenceText, kubeletTlsNote, stableUuid, waiverText } from './common.js';
import { isStreamedArray, jsonChunks, streamedArray } from './stream.js';
import type { ScanResult } from './model.js';
import { frameworkSection, type ControlStatus } from './sections.js';

export const OSCAL_VERSION = '1.1.2';
/**
 * Namespace of Palisade's own property names (OSCAL requires one for non-OSCAL names). An
 * http(s) URL, as NIST (`http://csrc.nist.gov/ns/oscal`) and FedRAMP use: OSCAL's `uri` type
 * would allow a URN, but compliance-trestle (and other tools built on URL types) reject one.
 */
export const OSCAL_NS = 'https://palisade.dev/ns/oscal';

type Json = Record<string, unknown>;

/** OSCAL control-id is a token: a letter or `_` first, then letters, digits, `.`, `-`, `_`. */
export function controlToken(framework: string, id: string): string {
  const t = `${framework}-${id}`
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return /^[a-z_]/.test(t) ? t : `c-${t}`;
}

function prop(name: string, value: string): Json {
  return { name, ns: OSCAL_NS, value: value === '' ? '-' : value };
}

const STATE: Record<ControlStatus, { state: 'satisfied' | 'not-satisfied'; reason: string } | undefined> = {
  pass: { state: 'satisfied', reason: 'pass' },
  fail: { state: 'not-satisfied', reason: 'fail' },
  waived: { state: 'not-satisfied', reason: 'other' },
  unknown: { state: 'not-satisfied', reason: 'other' },
  error: { state: 'not-satisfied', reason: 'other' },
  manual: undefined,
  'not-evaluated': undefined,
};

function observation(result: ScanResult, r: RuleResult, seed: string, index: number): Json {
  const ref = refString(r.object);
  const evidence = r.evidence.map((e) => ({ description: evidenceText(e) }));
  if (r.waiver) evidence.push({ description: `Waived: ${waiverText(r.waiver)}` });
  if (r.location) evidence.push({ description: `Manifest: ${r.location.file}:${r.location.line}` });
  return {
    uuid: stableUuid(seed, 'observation', String(index), r.rule, ref),
    title: `${r.rule}: ${ref}`,
    description: `${r.status}: ${r.message}`,
    props: [prop('rule', r.rule), prop('status', r.status), prop('severity', r.severity), ...(r.tenant ? [prop('tenant', r.tenant)] : [])],
    methods: ['TEST'],
    types: [r.status === 'fail' ? 'finding' : 'control-objective'],
    subjects: [
      {
        'subject-uuid': stableUuid(seed, 'subject', ref),
        type: 'resource',
        title: ref,
        props: [prop('api-version', r.object.apiVersion || '-'), prop('kind', r.object.kind), ...(r.object.namespace ? [prop('namespace', r.object.namespace)] : []), prop('name', r.object.name)],
      },
    ],
    collected: result.startedAt,
    ...(evidence.length > 0 ? { 'relevant-evidence': evidence } : {}),
  };
}

/** The OSCAL document as data (tests, small results); `renderOscal` streams the same document. */
export function toOscal(result: ScanResult): Json {
  return materialise(oscalDocument(result)) as Json;
}

/** Streamed arrays made into plain arrays. */
function materialise(v: unknown): unknown {
  if (isStreamedArray(v)) return [...v.items].map(materialise);
  if (Array.isArray(v)) return v.map(materialise);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, materialise(x)]));
  return v;
}

function oscalDocument(result: ScanResult): Json {
  const seed = `${result.scanner.name}|${result.source.location}|${result.startedAt}`;
  const section = frameworkSection(result);
  const store = result.results;
  // Observations are numbered in report order; each rule keeps the positions of its own, and a
  // UUID is derived again from its position when a finding names it (no list of UUIDs is held).
  const observed = store.sortedIndexes((i) => store.statusOf(i) !== 'pass' && store.statusOf(i) !== 'not-applicable');
  const positionsByRule = new Map<string, number[]>();
  observed.forEach((i, k) => {
    const rule = store.ruleOf(i);
    const l = positionsByRule.get(rule);
    if (l) l.push(k);
    else positionsByRule.set(rule, [k]);
  });
  const uuidAt = (k: number): string => {
    const i = observed[k]!;
    return stableUuid(seed, 'observation', String(k), store.ruleOf(i), refString(store.objectOf(i).ref));
  };
  function* observations(): Generator<Json> {
    for (let k = 0; k < observed.length; k++) yield observation(result, store.at(observed[k]!), seed, k);
  }
  const controls = [...section.frameworks, ...section.others].flatMap((f) => f.controls);
  const findings: Json[] = [];
  for (const c of controls) {
    const st = STATE[c.status];
    if (!st) continue;
    const token = controlToken(c.framework, c.id);
    const positions = c.rules.flatMap((rule) => positionsByRule.get(rule) ?? []);
    const related = function* (): Generator<Json> {
      for (const k of positions) yield { 'observation-uuid': uuidAt(k) };
    };
    findings.push({
      uuid: stableUuid(seed, 'finding', token),
      title: `${c.framework} ${c.id}${c.title ? `: ${c.title}` : ''}`,
      description: c.evidence.length > 0 ? c.evidence.join('\n') : `All evaluated results of ${c.rules.join(', ') || 'this control'} pass.`,
      props: [prop('framework', c.framework), prop('control', c.id), prop('status', c.status), ...c.rules.map((r) => prop('rule', r))],
      target: {
        type: 'objective-id',
        'target-id': token,
        status: { state: st.state, reason: st.reason },
        ...(st.reason === 'other' ? { remarks: `Palisade status: ${c.status}` } : {}),
      },
      ...(positions.length > 0 ? { 'related-observations': streamedArray(related()) } : {}),
    });
  }
  const planUuid = stableUuid(seed, 'rule-set');
  const end = Date.parse(result.startedAt) + Math.round(result.durationSeconds * 1000);
  const s = result.summary;
  const tls = kubeletTlsNote(result);
  return {
    'assessment-results': {
      uuid: stableUuid(seed, 'assessment-results'),
      metadata: {
        title: `Palisade assessment of ${result.source.cluster?.name ?? result.source.location}`,
        'last-modified': result.startedAt,
        version: result.scanner.version,
        'oscal-version': OSCAL_VERSION,
        props: [
          prop('schema-version', result.schemaVersion),
          prop('source-mode', result.source.mode),
          // How kubelet configurations were read live (ScanResult source.kubeletTls); absent when none was.
          ...(tls ? [prop('kubelet-tls', tls.mode)] : []),
          // What the assessment was made from (docs/reports.md "Verifying a report").
          prop('scan-result-sha256', scanResultSha256(result)),
          ...(result.config
            ? [
                prop('rules-enabled', String(result.config.rules.enabled.length)),
                prop('waivers-configured', String(result.config.waivers.length)),
                prop('tenants', String(result.config.tenancy.tenants.length)),
              ]
            : []),
        ],
      },
      'import-ap': { href: `#${planUuid}` },
      results: [
        {
          uuid: stableUuid(seed, 'result'),
          title: `Scan of ${result.source.location}`,
          description:
            `Score ${s.score ?? 'n/a'}; coverage ${s.coverage.evaluated}/${s.coverage.applicable}; ` +
            `${s.counts.fail} fail, ${s.counts.pass} pass, ${s.counts.waived} waived, ${s.counts.unknown} unknown, ${s.counts.error} error.` +
            (section.origin === 'references' ? ' Controls are derived from the references of the rules that ran (no framework module result).' : '') +
            (result.incomplete ? ' The scan is incomplete: some inputs could not be read or evaluated.' : '') +
            (tls?.warning ? ` Warning: kubelet TLS ${tls.text}: ${tls.warning}.` : ''),
          start: result.startedAt,
          ...(Number.isFinite(end) ? { end: new Date(end).toISOString() } : {}),
          props: [prop('score', s.score === null ? 'n/a' : String(s.score)), prop('incomplete', String(result.incomplete))],
          'reviewed-controls': {
            'control-selections': [
              controls.length > 0
                ? { 'include-controls': controls.map((c) => ({ 'control-id': controlToken(c.framework, c.id) })) }
                : { description: 'No framework control was referenced by the rules that ran.' },
            ],
          },
          ...(observed.length > 0 ? { observations: streamedArray(observations()) } : {}),
          ...(findings.length > 0 ? { findings } : {}),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: planUuid,
            title: `${result.scanner.name} ${result.scanner.version} rule set`,
            description: `No separate OSCAL assessment plan: the plan is the Palisade rule set (${result.rules.length} rules) run against ${result.source.location}.`,
          },
        ],
      },
    },
  };
}

export function* streamOscal(result: ScanResult): Generator<string> {
  yield* jsonChunks(oscalDocument(result));
  yield '\n';
}

/** The whole document as one string: tests and small results; writers use `streamOscal`. */
export function renderOscal(result: ScanResult): string {
  return [...streamOscal(result)].join('');
}
