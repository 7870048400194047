import type { MappingContext } from '../mapping-context.js';

/**
 * When a device's values were last updated, in epoch milliseconds. The wire has no
 * per-capability timestamp, so every value of a device shares `status.lastSeen`; without
 * one, the time of this response. A `lastSeen` ahead of us by no more than the tolerance is
 * clock skew and is clamped to now; one further ahead is kept, and the rule
 * `last_updated_not_future` then rejects the values that carry it.
 */
export function deriveLastUpdatedMs(
  lastSeenMs: number | undefined,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): number {
  if (lastSeenMs === undefined) return context.nowMs;

  const isSkew = lastSeenMs > context.nowMs &&
    lastSeenMs <= context.nowMs + context.futureToleranceMs;
  return isSkew ? context.nowMs : lastSeenMs;
}
