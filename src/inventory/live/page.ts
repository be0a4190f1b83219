/**
 * The part of reading a LIST page that needs nothing but the page: parse it, keep its well-formed
 * items, trim them. It runs in the page worker (page-worker.ts) or inline, with the same result.
 */
import { isRecord, type K8sObject } from '../../model/k8s.js';
import { trimObject } from '../trim.js';

export interface TrimmedPage {
  items: K8sObject[];
  continue: string | undefined;
}

/**
 * Parses a LIST body and trims its items. List items of built-in kinds carry no apiVersion/kind
 * (metadata-only items say PartialObjectMetadata): the listed resource's are set. Items that are
 * not objects with metadata are skipped. Throws a SyntaxError on a body that is not JSON.
 */
export function trimPage(text: string, apiVersion: string, kind: string): TrimmedPage {
  const list: unknown = JSON.parse(text);
  const items = isRecord(list) && Array.isArray(list['items']) ? (list['items'] as unknown[]) : [];
  const out: K8sObject[] = [];
  for (const item of items) {
    if (!isRecord(item) || !isRecord(item['metadata'])) continue;
    out.push(trimObject({ ...item, apiVersion, kind } as K8sObject));
  }
  const meta = isRecord(list) && isRecord(list['metadata']) ? list['metadata'] : {};
  const cont = typeof meta['continue'] === 'string' && meta['continue'] !== '' ? meta['continue'] : undefined;
  return { items: out, continue: cont };
}
