import type { MappingContext } from '../mapping-context.js';
import { parseIsoInstant } from '../time.js';
import type { ItemKind } from '../validation-rules.js';
import { ruleViolation } from '../validation-rules.js';

/**
 * `lastUpdated` must not be in the future. Skew within the tolerance was clamped to now
 * when it was derived, so anything after now here is beyond the tolerance.
 */
export function checkNotFuture(
  itemKind: ItemKind,
  itemId: string,
  lastUpdated: string,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): void {
  const epochMs = parseIsoInstant(lastUpdated);
  if (epochMs !== undefined && epochMs <= context.nowMs + context.futureToleranceMs) return;

  throw ruleViolation(itemKind, itemId, 'last_updated_not_future',
    `lastUpdated ${lastUpdated} is in the future beyond the clock-skew tolerance`);
}
