import type { DeviceCapability } from '../device-capability.js';
import type { MappingContext } from '../mapping-context.js';
import { ruleViolation } from '../validation-rules.js';
import { checkNotFuture } from './check-not-future.js';

/** The capability rules that concern one capability; uniqueness is the list's business. */
export function checkCapability(
  capability: DeviceCapability,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): void {
  const { capabilityId, value, minValue, maxValue } = capability;

  const isBounded = minValue !== undefined && maxValue !== undefined;
  if (isBounded && typeof value === 'number' && (value < minValue || value > maxValue)) {
    const scaled = capability.scaledFromRatio ? ' (scaled from a 0–1 ratio)' : '';
    throw ruleViolation('capability', capabilityId, 'capability_value_within_bounds',
      `value ${value}${scaled} is outside ${minValue}..${maxValue}`);
  }
  checkNotFuture('capability', capabilityId, capability.lastUpdated, context);
}
