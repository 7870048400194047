import type { JsonObject } from './json.js';

export const HISTORY_RESOLUTIONS = ['quarterHour', 'hour', 'day', 'month'] as const;

export type HistoryResolution = (typeof HISTORY_RESOLUTIONS)[number];

export function isHistoryResolution(value: string): value is HistoryResolution {
  return (HISTORY_RESOLUTIONS as readonly string[]).includes(value);
}

/** One point of a device's history; `data` is device specific and may nest. */
export interface HistoryPoint {
  /** UTC; the wire sends the home's zone, which the home's `timeZone` restores. */
  readonly time: string;
  readonly data: JsonObject;
}

/** One page of history. `next` and `prev` are the wire's cursor URLs, never built by us. */
export interface HistoryPage {
  readonly effectiveStart: string;
  readonly effectiveEnd: string;
  readonly points: readonly HistoryPoint[];
  readonly next?: string;
  readonly prev?: string;
}
