/**
 * The apiVersion a user applied. The API server answers a LIST in its preferred version, so a live
 * Deployment created as extensions/v1beta1 comes back as apps/v1; only kubectl's
 * last-applied-configuration annotation still says what the manifest used. Trimming drops that
 * annotation (it repeats the whole object), so the apiVersion is kept in a small annotation first.
 */
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
export const APPLIED_API_VERSION = 'palisade.dev/applied-api-version';

/** kubectl writes the annotation as compact JSON with sorted keys: apiVersion comes first. */
const LEADING_API_VERSION = /^\s*\{\s*"apiVersion"\s*:\s*"([^"]+)"/;

/** The apiVersion in a last-applied-configuration value, or undefined. */
export function appliedApiVersion(lastApplied: string): string | undefined {
  const m = LEADING_API_VERSION.exec(lastApplied);
  if (m) return m[1];
  try {
    const doc = JSON.parse(lastApplied) as unknown;
    const v = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>)['apiVersion'] : undefined;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Annotations with the applied apiVersion recorded under `palisade.dev/applied-api-version` when it
 * differs from the version the object was read in (the input is not changed; same object when nothing to record).
 */
export function recordAppliedApiVersion(annotations: Readonly<Record<string, string>>, readAs: string): Readonly<Record<string, string>> {
  const last = annotations[LAST_APPLIED];
  const applied = last === undefined ? undefined : appliedApiVersion(last);
  if (applied === undefined || applied === readAs) return annotations;
  return { ...annotations, [APPLIED_API_VERSION]: applied };
}
