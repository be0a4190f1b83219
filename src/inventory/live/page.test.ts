import { describe, expect, it } from 'vitest';
import { trimPage } from './page.js';

describe('trimPage (a LIST page parsed and trimmed, in the page worker or inline)', () => {
  it('sets the listed apiVersion and kind, trims, and keeps the continue token', () => {
    const body = JSON.stringify({
      kind: 'PodList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '7', continue: 'tok' },
      items: [{ metadata: { name: 'p', namespace: 'a', managedFields: [{ manager: 'kubectl' }] }, spec: { containers: [] }, status: { phase: 'Running', conditions: [{ type: 'Ready' }] } }],
    });
    const page = trimPage(body, 'v1', 'Pod');
    expect(page.continue).toBe('tok');
    expect(page.items).toEqual([{ metadata: { name: 'p', namespace: 'a' }, spec: { containers: [] }, status: { phase: 'Running' }, apiVersion: 'v1', kind: 'Pod' }]);
  });

  it('skips items that are not objects with metadata; an empty token is no token', () => {
    const page = trimPage('{"metadata":{"continue":""},"items":[null,1,{"spec":{}},{"metadata":{"name":"ok"}}]}', 'v1', 'ConfigMap');
    expect(page.items.map((o) => o.metadata.name)).toEqual(['ok']);
    expect(page.continue).toBeUndefined();
    expect(trimPage('{"kind":"Status"}', 'v1', 'Pod')).toEqual({ items: [], continue: undefined });
  });

  it('throws on a body that is not JSON', () => {
    expect(() => trimPage('{"items":[', 'v1', 'Pod')).toThrow(SyntaxError);
  });
});
