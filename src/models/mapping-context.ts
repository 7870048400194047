import { assertIanaTimeZone } from './time.js';
import type { DeviceType } from './tibber-device.js';

/** What a mapper needs besides the payload. Time comes in as a value, never read here. */
export interface MappingContext {
  /** Now, from the caller's injected clock, in epoch milliseconds. */
  readonly nowMs: number;
  /** IANA zone for homes: the wire carries none. */
  readonly defaultTimeZone: string;
  /** When set, a device whose home is not in it is rejected (`device_home_exists`). */
  readonly knownHomeIds?: ReadonlySet<string>;
  /** A `lastSeen` older than this is evidence that the device is offline. */
  readonly staleAfterMs: number;
  /** Clock skew allowed before a timestamp counts as "in the future". */
  readonly futureToleranceMs: number;
  /**
   * Explicit device types by device id, e.g. meters learned from `/live-events/devices`:
   * the only way to a `heat_pump` or `meter`, which no known capability reveals.
   */
  readonly deviceTypeHints?: ReadonlyMap<string, DeviceType>;
}

/** Every Tibber market (Norway, Sweden, Germany, the Netherlands) keeps Central European time. */
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

/** Chargers report hours apart, so a day of silence, not an hour, means offline. */
export const DEFAULT_STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export type MappingContextOptions = Partial<Omit<MappingContext, 'nowMs'>>;

/** A context with the defaults above; bad arguments throw a TypeError. */
export function createMappingContext(
  nowMs: number,
  options: MappingContextOptions = {},
): MappingContext {
  const context: MappingContext = {
    nowMs,
    defaultTimeZone: DEFAULT_TIME_ZONE,
    staleAfterMs: DEFAULT_STALE_AFTER_MS,
    futureToleranceMs: DEFAULT_FUTURE_TOLERANCE_MS,
    ...options,
  };

  if (!Number.isFinite(context.nowMs)) {
    throw new TypeError('nowMs must be a finite number of epoch milliseconds');
  }
  assertDurationMs(context.staleAfterMs, 'staleAfterMs');
  assertDurationMs(context.futureToleranceMs, 'futureToleranceMs');
  assertIanaTimeZone(context.defaultTimeZone, 'defaultTimeZone');
  return Object.freeze(context);
}

function assertDurationMs(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`${what} must be a finite, non-negative number of milliseconds`);
  }
}
