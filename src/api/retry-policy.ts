/**
 * The retry rules Tibber states (tibber-data-api.md, section 4), in one place: retry only
 * 429, 500, 502, 503 and network failures; full-jitter exponential backoff, base 400 ms,
 * factor 2, capped at 15 s, 5 attempts at most; a `Retry-After` is waited out, plus up to
 * 250 ms so that many clients do not come back in the same millisecond.
 */
export const RETRY_POLICY = Object.freeze({
  attempts: 5,
  baseDelayMs: 400,
  factor: 2,
  maxDelayMs: 15_000,
  retryAfterJitterMs: 250,
  /** A 429 without `Retry-After` that outlasts its retries defers this long. */
  rateLimitDeferMs: 60_000,
});

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503]);

/** Full jitter: uniform in [0, min(cap, base × factor^(n−1))) before retry `n` (from 1). */
export function backoffDelayMs(retryNumber: number, random: () => number): number {
  const { baseDelayMs, factor, maxDelayMs } = RETRY_POLICY;
  const ceiling = Math.min(maxDelayMs, baseDelayMs * factor ** (retryNumber - 1));
  return Math.floor(random() * ceiling);
}

/** Until `retryAtMs`, plus jitter; never negative. */
export function retryAfterDelayMs(retryAtMs: number, nowMs: number, random: () => number): number {
  return Math.max(0, retryAtMs - nowMs) + Math.floor(random() * RETRY_POLICY.retryAfterJitterMs);
}
