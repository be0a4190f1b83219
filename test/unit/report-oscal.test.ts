/**
 * No package on the registries we can use ships NIST's OSCAL JSON schema (docs/schemas/README.md),
 * so this checks the OSCAL 1.1.2 assessment-results rules the output relies on: required fields,
 * UUID/token/date-time patterns from the OSCAL metaschema datatypes, closed objects where we
 * write them, unique UUIDs and every internal reference resolving.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { scanResultOf, type ScanResultDocument } from '../../src/report/load.js';
import { renderJsonString } from '../../src/report/json.js';
import { describe, expect, it } from 'vitest';
import { controlToken, OSCAL_NS, renderOscal } from '../../src/report/oscal.js';
import { FRAMEWORKS_SECTION, sampleResult } from '../fixtures/reports/sample.js';

const UUID = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[45][0-9A-Fa-f]{3}-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}$';
const TOKEN = '^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$';
const DATETIME_TZ = '^(((2000|2400|2800|(19|2[0-9](0[48]|[2468][048]|[13579][26])))-02-29)|(((19|2[0-9])[0-9]{2})-02-(0[1-9]|1[0-9]|2[0-8]))|(((19|2[0-9])[0-9]{2})-(0[13578]|10|12)-(0[1-9]|[12][0-9]|3[01]))|(((19|2[0-9])[0-9]{2})-(0[469]|11)-(0[1-9]|[12][0-9]|30)))T(2[0-3]|[01][0-9]):([0-5][0-9]):([0-5][0-9])(\\.[0-9]+)?(Z|(-((0[0-9]|1[0-2]):00|0[39]:30)|\\+((0[0-9]|1[0-4]):00|(0[34569]|10):30|(0[58]|12):45)))$';

const str = { type: 'string', minLength: 1, pattern: '^\\S(.*\\S)?$' };
const strMultiline = { type: 'string', minLength: 1 };
const uuid = { type: 'string', pattern: UUID };
const token = { type: 'string', pattern: TOKEN };
const prop = { type: 'object', additionalProperties: false, required: ['name', 'value'], properties: { name: token, ns: { type: 'string', format: 'uri' }, value: str, remarks: strMultiline } };
const props = { type: 'array', minItems: 1, items: prop };
const datetime = { type: 'string', pattern: DATETIME_TZ };

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['assessment-results'],
  properties: {
    'assessment-results': {
      type: 'object',
      additionalProperties: false,
      required: ['uuid', 'metadata', 'import-ap', 'results'],
      properties: {
        uuid,
        metadata: {
          type: 'object',
          additionalProperties: false,
          required: ['title', 'last-modified', 'version', 'oscal-version'],
          properties: { title: strMultiline, 'last-modified': datetime, version: str, 'oscal-version': { type: 'string', pattern: '^1\\.1\\.\\d+$' }, props },
        },
        'import-ap': { type: 'object', additionalProperties: false, required: ['href'], properties: { href: { type: 'string', minLength: 1 } } },
        results: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['uuid', 'title', 'description', 'start', 'reviewed-controls'],
            properties: {
              uuid,
              title: strMultiline,
              description: strMultiline,
              start: datetime,
              end: datetime,
              props,
              'reviewed-controls': {
                type: 'object',
                additionalProperties: false,
                required: ['control-selections'],
                properties: {
                  'control-selections': {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      additionalProperties: false,
                      properties: {
                        description: strMultiline,
                        'include-controls': {
                          type: 'array',
                          minItems: 1,
                          items: { type: 'object', additionalProperties: false, required: ['control-id'], properties: { 'control-id': token } },
                        },
                      },
                    },
                  },
                },
              },
              observations: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['uuid', 'description', 'methods', 'collected'],
                  properties: {
                    uuid,
                    title: strMultiline,
                    description: strMultiline,
                    props,
                    methods: { type: 'array', minItems: 1, items: { enum: ['EXAMINE', 'INTERVIEW', 'TEST', 'UNKNOWN'] } },
                    types: { type: 'array', minItems: 1, items: { enum: ['ssp-statement-issue', 'control-objective', 'mitigation', 'finding', 'historic'] } },
                    subjects: {
                      type: 'array',
                      minItems: 1,
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        required: ['subject-uuid', 'type'],
                        properties: { 'subject-uuid': uuid, type: { enum: ['component', 'inventory-item', 'location', 'party', 'user', 'resource'] }, title: strMultiline, props },
                      },
                    },
                    collected: datetime,
                    'relevant-evidence': {
                      type: 'array',
                      minItems: 1,
                      items: { type: 'object', additionalProperties: false, required: ['description'], properties: { description: strMultiline } },
                    },
                  },
                },
              },
              findings: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['uuid', 'title', 'description', 'target'],
                  properties: {
                    uuid,
                    title: strMultiline,
                    description: strMultiline,
                    props,
                    target: {
                      type: 'object',
                      additionalProperties: false,
                      required: ['type', 'target-id', 'status'],
                      properties: {
                        type: { enum: ['statement-id', 'objective-id'] },
                        'target-id': token,
                        status: {
                          type: 'object',
                          additionalProperties: false,
                          required: ['state'],
                          properties: { state: { enum: ['satisfied', 'not-satisfied'] }, reason: { enum: ['pass', 'fail', 'other'] } },
                        },
                        remarks: strMultiline,
                      },
                    },
                    'related-observations': {
                      type: 'array',
                      minItems: 1,
                      items: { type: 'object', additionalProperties: false, required: ['observation-uuid'], properties: { 'observation-uuid': uuid } },
                    },
                  },
                },
              },
            },
          },
        },
        'back-matter': {
          type: 'object',
          properties: {
            resources: {
              type: 'array',
              minItems: 1,
              items: { type: 'object', required: ['uuid'], properties: { uuid, title: strMultiline, description: strMultiline } },
            },
          },
        },
      },
    },
  },
};

const ajv = new Ajv2020({ strict: true, allErrors: true, unicodeRegExp: true });
ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
const validate = ajv.compile(schema);

interface Finding {
  target: { 'target-id': string; status: { state: string; reason: string } };
  description: string;
  'related-observations'?: { 'observation-uuid': string }[];
}
interface Observation {
  uuid: string;
  title: string;
  'relevant-evidence': { description: string }[];
}
interface Res {
  observations: Observation[];
  findings: Finding[];
  'reviewed-controls': { 'control-selections': { 'include-controls': { 'control-id': string }[] }[] };
}
interface Doc {
  'assessment-results': { 'import-ap': { href: string }; 'back-matter': { resources: { uuid: string }[] }; results: Res[] };
}

function oscal(extra?: Record<string, unknown>): Doc {
  const doc = JSON.parse(renderOscal(sampleResult(extra ? { extra } : {}))) as Doc;
  const ok = validate(doc);
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toEqual([]);
  expect(ok).toBe(true);
  return doc;
}

function allUuids(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => allUuids(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'uuid' && typeof x === 'string') out.push(x);
      else allUuids(x, out);
    }
  }
  return out;
}

describe('OSCAL assessment-results', () => {
  it('has the required OSCAL structure, unique UUIDs and resolving references', () => {
    const doc = oscal();
    const ar = doc['assessment-results'];
    const uuids = allUuids(doc);
    expect(new Set(uuids).size).toBe(uuids.length);
    const res = ar.results[0]!;
    const obs = new Set(res.observations.map((o) => o.uuid));
    for (const f of res.findings) {
      for (const r of f['related-observations'] ?? []) expect(obs.has(r['observation-uuid'])).toBe(true);
    }
    const reviewed = new Set(res['reviewed-controls']['control-selections'][0]!['include-controls'].map((c) => c['control-id']));
    for (const f of res.findings) expect(reviewed.has(f.target['target-id'])).toBe(true);
    expect(ar['back-matter'].resources.map((r) => `#${r.uuid}`)).toContain(ar['import-ap'].href);
  });

  it('maps controls to findings (satisfied / not-satisfied) and non-passing results to observations with evidence', () => {
    const res = oscal()['assessment-results'].results[0]!;
    const finding = (id: string) => res.findings.find((f) => f.target['target-id'] === id);
    expect(finding(controlToken('CIS', '1.12 §5.2.2'))?.target.status).toEqual({ state: 'not-satisfied', reason: 'fail' });
    expect(finding(controlToken('CIS', '1.12 §5.2.2'))?.description).toContain('actual true, expected unset or false');
    expect(finding(controlToken('PSS', 'restricted/run-as-non-root'))?.target.status.state).toBe('not-satisfied');
    expect(res.observations).toHaveLength(8); // 10 results − 1 pass − 1 not-applicable
    const waived = res.observations.find((o) => o.title.endsWith('/legacy'));
    expect(waived?.['relevant-evidence'].map((e) => e.description)).toContain(
      'Waived: reason: vendor image, fix in Q3, approver: ciso@example.com, ticket: SEC-42, expires: 2099-01-01, source: config',
    );
  });

  it('uses the framework module controls when present (manual controls are reviewed but have no finding)', () => {
    const res = oscal({ frameworks: FRAMEWORKS_SECTION })['assessment-results'].results[0]!;
    const ids = res['reviewed-controls']['control-selections'][0]!['include-controls'].map((c) => c['control-id']);
    // the module's CIS controls, then the frameworks it does not cover (derived from rule references)
    expect(ids).toEqual([
      'cis-kubernetes-benchmark-1.1.1',
      'cis-kubernetes-benchmark-5.1.3',
      'cis-kubernetes-benchmark-5.2.2',
      'mtb-mtb-pl1-bc-ni-1',
      'pss-baseline-privileged',
      'pss-restricted-run-as-non-root',
    ]);
    expect(res.findings.slice(0, 2).map((f) => [f.target['target-id'], f.target.status.state])).toEqual([
      ['cis-kubernetes-benchmark-5.1.3', 'satisfied'],
      ['cis-kubernetes-benchmark-5.2.2', 'not-satisfied'],
    ]);
  });

  it('records how kubelets were read as a metadata property, and an unverified read as a warning in the result', () => {
    type Meta = { props: { name: string; ns: string; value: string }[] };
    const meta = (d: Doc): Meta => (d['assessment-results'] as unknown as { metadata: Meta }).metadata;
    const description = (d: Doc): string => (d['assessment-results'].results[0] as unknown as { description: string }).description;
    const offline = oscal();
    expect(meta(offline).props.map((p) => p.name)).not.toContain('kubelet-tls');
    const verified = oscal({ source: { mode: 'live', location: 'https://10.0.0.1:6443', kubeletTls: 'kubelet-ca' } });
    expect(meta(verified).props).toContainEqual({ name: 'kubelet-tls', ns: OSCAL_NS, value: 'kubelet-ca' });
    expect(description(verified)).not.toContain('kubelet');
    const insecure = oscal({ source: { mode: 'live', location: 'https://10.0.0.1:6443', kubeletTls: 'not-verified' } });
    expect(meta(insecure).props).toContainEqual({ name: 'kubelet-tls', ns: OSCAL_NS, value: 'not-verified' });
    expect(description(insecure)).toContain('Warning: kubelet TLS NOT VERIFIED (--kubelet-insecure-tls): kubelet serving certificates were not verified');
  });

  it('makes valid tokens from any framework reference and is stable across renders', () => {
    expect(controlToken('CIS', '1.12 §5.2.2')).toBe('cis-1.12-5.2.2');
    expect(controlToken('MTB', 'MTB-PL1-BC-NI-1')).toBe('mtb-mtb-pl1-bc-ni-1');
    expect(controlToken('9x', '§')).toBe('c-9x');
    expect(renderOscal(sampleResult())).toBe(renderOscal(scanResultOf(JSON.parse(renderJsonString(sampleResult())) as ScanResultDocument)));
    expect(validate({ 'assessment-results': { uuid: 'not-a-uuid' } })).toBe(false);
  });
});
