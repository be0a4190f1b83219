/**
 * Kubernetes release data: each minor's release and end-of-life date and its latest patch.
 * Embedded and dated; `--release-data FILE` replaces it without a new Palisade. Version rules
 * name the data date in every result and report `unknown` when the data is over a year older
 * than the scan.
 *
 * Embedded data: release dates and patch versions from the k8s.io/kubernetes Go module versions
 * (proxy.golang.org, as listed on the data date); end-of-life dates from kubernetes.io/releases
 * (for 1.36 and 1.37, the project's schedule: about 14 months after the release, on the 28th).
 */
import { isRecord } from '../model/k8s.js';

export interface MinorRelease {
  /** `1.36`. */
  minor: string;
  /** ISO date of the .0 release. */
  released: string;
  /** ISO date the minor stops receiving patches. */
  endOfLife: string;
  /** Latest patch release on the data date, `1.36.3`. */
  latestPatch: string;
}

export interface ReleaseData {
  /** ISO date the data was compiled. */
  date: string;
  /** Where it came from, for evidence. */
  source: string;
  minors: MinorRelease[];
}

export const EMBEDDED_RELEASE_DATA: ReleaseData = {
  date: '2026-12-02',
  source: 'embedded in Palisade',
  minors: [
    { minor: '1.27', released: '2023-04-11', endOfLife: '2024-06-28', latestPatch: '1.27.16' },
    { minor: '1.28', released: '2023-08-15', endOfLife: '2024-10-28', latestPatch: '1.28.15' },
    { minor: '1.29', released: '2023-12-13', endOfLife: '2025-02-28', latestPatch: '1.29.15' },
    { minor: '1.30', released: '2024-04-17', endOfLife: '2025-06-28', latestPatch: '1.30.14' },
    { minor: '1.31', released: '2024-08-13', endOfLife: '2025-10-28', latestPatch: '1.31.14' },
    { minor: '1.32', released: '2024-12-11', endOfLife: '2026-02-28', latestPatch: '1.32.13' },
    { minor: '1.33', released: '2025-04-23', endOfLife: '2026-06-28', latestPatch: '1.33.13' },
    { minor: '1.34', released: '2025-08-27', endOfLife: '2026-10-27', latestPatch: '1.34.4' },
    { minor: '1.35', released: '2025-12-17', endOfLife: '2027-02-28', latestPatch: '1.35.4' },
    { minor: '1.36', released: '2026-04-22', endOfLife: '2027-06-28', latestPatch: '1.36.3' },
    { minor: '1.37', released: '2026-08-26', endOfLife: '2027-10-28', latestPatch: '1.37.2' },
  ],
};

/** Data older than this relative to the scan is too stale to judge support or patches. */
export const MAX_DATA_AGE_DAYS = 365;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^\d+\.\d+$/;
const PATCH = /^\d+\.\d+\.\d+$/;

/** Validates release data read from a file; throws an Error naming the file and the bad field. */
export function parseReleaseData(text: string, file: string): ReleaseData {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`release data ${file}: not JSON (${(err as Error).message})`);
  }
  const bad = (what: string): never => {
    throw new Error(`release data ${file}: ${what}`);
  };
  if (!isRecord(doc)) return bad('expected an object {date, minors: [...]}');
  if (typeof doc['date'] !== 'string' || !ISO_DATE.test(doc['date'])) bad('date must be YYYY-MM-DD');
  if (!Array.isArray(doc['minors']) || doc['minors'].length === 0) bad('minors must be a non-empty list');
  const minors = (doc['minors'] as unknown[]).map((m, i): MinorRelease => {
    if (!isRecord(m)) return bad(`minors[${i}] is not an object`);
    const field = (k: string, re: RegExp): string => {
      const v = m[k];
      return typeof v === 'string' && re.test(v) ? v : bad(`minors[${i}].${k} must match ${re.source}`);
    };
    const r: MinorRelease = { minor: field('minor', MINOR), released: field('released', ISO_DATE), endOfLife: field('endOfLife', ISO_DATE), latestPatch: field('latestPatch', PATCH) };
    if (!r.latestPatch.startsWith(`${r.minor}.`)) bad(`minors[${i}].latestPatch ${r.latestPatch} is not a patch of ${r.minor}`);
    return r;
  });
  return { date: doc['date'] as string, source: typeof doc['source'] === 'string' ? doc['source'] : file, minors };
}

export function releaseOf(data: ReleaseData, minor: string): MinorRelease | undefined {
  return data.minors.find((m) => m.minor === minor);
}

/** Age of the data at `now`, in whole days. */
export function dataAgeDays(data: ReleaseData, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(`${data.date}T00:00:00Z`)) / 86_400_000);
}

/** Why the data cannot be used at `now`, or undefined when it can. */
export function staleReason(data: ReleaseData, now: Date): string | undefined {
  const age = dataAgeDays(data, now);
  return age > MAX_DATA_AGE_DAYS ? `release data of ${data.date} (${data.source}) is ${age} days old at scan time; update it with --release-data FILE` : undefined;
}

/** "release data of 2026-12-02 (embedded)", for messages. */
export function dataLabel(data: ReleaseData): string {
  return `release data of ${data.date} (${data.source})`;
}
