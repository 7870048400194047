import type { DurationLikeObject } from 'luxon';
import { DateTime, IANAZone } from 'luxon';

import type { HistoryResolution } from '../scenario/source.js';

/** How far a history request reaches from its `since` or `until` when nothing stops it. */
export const DEFAULT_HISTORY_SPANS: Readonly<Record<HistoryResolution, DurationLikeObject>> = {
  quarterHour: { days: 1 },
  hour: { days: 7 },
  day: { months: 1 },
  month: { years: 1 },
};

export const HISTORY_RESOLUTIONS: readonly HistoryResolution[] = [
  'quarterHour',
  'hour',
  'day',
  'month',
];

export interface HistoryAnchor {
  readonly kind: 'since' | 'until';
  /** Already truncated to the hour. */
  readonly atMs: number;
}

export interface HistoryWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface WindowInput {
  readonly resolution: HistoryResolution;
  readonly anchor: HistoryAnchor;
  readonly nowMs: number;
  readonly zone: string;
  readonly retentionDays: number | undefined;
}

export function isResolution(value: string | null): value is HistoryResolution {
  return HISTORY_RESOLUTIONS.some((r) => r === value);
}

/**
 * Reads an ISO date-time and drops its minutes and seconds, as Tibber does, in the offset the
 * string gives; one without an offset is read in the home's zone.
 */
export function parseAnchorTime(raw: string, zone: string): number | undefined {
  const parsed = DateTime.fromISO(raw, { zone, setZone: true });
  return parsed.isValid ? parsed.startOf('hour').toMillis() : undefined;
}

/**
 * The span counted in the home's zone from the anchor, then clamped: never before the
 * device's retention (counted back from now, to the hour), never into the period still open.
 * A window clamped away entirely is empty at its start.
 */
export function historyWindow(input: WindowInput): HistoryWindow {
  const { resolution, anchor, nowMs, zone, retentionDays } = input;
  const span = DEFAULT_HISTORY_SPANS[resolution];
  const at = DateTime.fromMillis(anchor.atMs, { zone });
  const now = DateTime.fromMillis(nowMs, { zone });
  const requestedStart = anchor.kind === 'since' ? at : at.minus(span);
  const requestedEnd = anchor.kind === 'since' ? at.plus(span) : at;

  const retentionStartMs =
    retentionDays === undefined
      ? Number.NEGATIVE_INFINITY
      : now.minus({ days: retentionDays }).startOf('hour').toMillis();
  const startMs = Math.max(requestedStart.toMillis(), retentionStartMs);
  const closedEndMs = Math.min(requestedEnd.toMillis(), openPeriodStart(now, resolution));
  const endMs = Math.max(closedEndMs, startMs);
  return { startMs, endMs };
}

export function isoInZone(epochMs: number, zone: string): string {
  const iso = DateTime.fromMillis(epochMs, { zone }).toISO({ suppressMilliseconds: true });
  return iso ?? new Date(epochMs).toISOString();
}

/** The scenario's zone for a home; a scenario naming a zone that does not exist is broken. */
export function checkedZone(zone: string | undefined): string {
  const checked = zone ?? 'UTC';
  if (!IANAZone.isValidZone(checked)) throw new RangeError(`scenario zone ${checked} is invalid`);
  return checked;
}

function openPeriodStart(now: DateTime, resolution: HistoryResolution): number {
  switch (resolution) {
    case 'quarterHour':
      return now.startOf('hour').plus({ minutes: Math.floor(now.minute / 15) * 15 }).toMillis();
    case 'hour':
      return now.startOf('hour').toMillis();
    case 'day':
      return now.startOf('day').toMillis();
    case 'month':
      return now.startOf('month').toMillis();
  }
}
