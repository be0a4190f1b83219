import { TransportError, type KubeResponse } from './client.js';

export interface RetryPolicy {
  /** Total tries per request, the first one included. */
  attempts: number;
  /** First backoff; doubles per retry (full jitter), capped by maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 8_000 };

/** Statuses worth another try: throttled, or a server/gateway that may recover. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^retry)]. */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(random() * ceiling);
}

export interface RetryContext {
  policy: RetryPolicy;
  /** Epoch ms after which no new try starts. */
  deadline: number;
  signal?: AbortSignal;
  /** Told about every retry (for progress and error records). */
  onRetry?: (why: string, delayMs: number) => void;
}

/**
 * Runs `send` until it gets a non-retryable answer, the attempts are used up, or the deadline is near.
 * Returns the last HTTP answer (possibly a 429/5xx); throws the last TransportError when no try
 * got an answer.
 */
export async function withRetry(send: () => Promise<KubeResponse>, ctx: RetryContext): Promise<KubeResponse> {
  for (let attempt = 0; ; attempt++) {
    let answer: KubeResponse | undefined;
    let failure: TransportError | undefined;
    try {
      answer = await send();
      if (!isRetryableStatus(answer.status)) return answer;
    } catch (err) {
      if (!(err instanceof TransportError) || err.code === 'EABORTED') throw err;
      failure = err;
    }
    const last = attempt + 1 >= ctx.policy.attempts;
    const delay = (answer ? retryAfterMs(answer.headers['retry-after']) : undefined) ?? backoffMs(attempt, ctx.policy);
    if (last || Date.now() + delay >= ctx.deadline || ctx.signal?.aborted) {
      if (answer) return answer;
      throw failure!;
    }
    ctx.onRetry?.(answer ? `HTTP ${answer.status}` : `${failure!.code}`, delay);
    await sleep(delay, ctx.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
