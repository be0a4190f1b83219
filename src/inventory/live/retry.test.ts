import { describe, expect, it } from 'vitest';
import { TransportError, type KubeResponse } from './client.js';
import { backoffMs, isRetryableStatus, retryAfterMs, withRetry } from './retry.js';

const answer = (status: number, headers: Record<string, string> = {}): KubeResponse => ({ status, headers, body: '{}' });
const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

describe('retry policy', () => {
  it('retries throttling and server errors, not client errors', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 410, 422].some(isRetryableStatus)).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
  });

  it('backs off exponentially with full jitter under a cap', () => {
    const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(0, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(800);
    expect(backoffMs(6, policy, () => 1)).toBe(1000);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it('returns the first non-retryable answer', async () => {
    const seen: number[] = [];
    const queue = [answer(503), answer(429, { 'retry-after': '0' }), answer(200)];
    const res = await withRetry(async () => queue.shift()!, { policy: fast, deadline: Date.now() + 10_000, onRetry: (_w, d) => seen.push(d) });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(0);
  });

  it('gives up after the attempts and returns the last answer', async () => {
    let calls = 0;
    const res = await withRetry(async () => (calls++, answer(500)), { policy: fast, deadline: Date.now() + 10_000 });
    expect(res.status).toBe(500);
    expect(calls).toBe(4);
  });

  it('rethrows the transport error when no try got an answer', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw new TransportError('reset', 'ECONNRESET', '/api');
      }, { policy: fast, deadline: Date.now() + 10_000 }),
    ).rejects.toThrow('reset');
    expect(calls).toBe(4);
  });

  it('does not start a retry that would end after the deadline', async () => {
    let calls = 0;
    const res = await withRetry(async () => (calls++, answer(429, { 'retry-after': '60' })), { policy: { ...fast, attempts: 10 }, deadline: Date.now() + 1000 });
    expect(res.status).toBe(429);
    expect(calls).toBe(1);
  });
});
