import type { DurationLikeObject } from 'luxon';
import { DateTime } from 'luxon';

import type { HistoryResolution } from './source.js';

/**
 * Calendar arithmetic in a home's own time zone. Counters reset and history periods start
 * at local boundaries, so a day may last 23 or 25 hours; luxon knows the zone rules.
 */

export type PeriodUnit = 'hour' | 'day' | 'week' | 'month' | 'year';

export const PERIOD_UNITS: readonly PeriodUnit[] = ['hour', 'day', 'week', 'month', 'year'];

export const MINUTE_MS = 60_000;
export const QUARTER_HOUR_MS = 15 * MINUTE_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

// The last period found per zone and unit: a poll asks for the same period many times.
const lastPeriods = new Map<string, { startMs: number; endMs: number }>();

const standardOffsets = new Map<string, number>();

export function isValidZone(zone: string): boolean {
  return standardOffsets.has(zone) || DateTime.fromMillis(0, { zone }).isValid;
}

/** Start of the local period (weeks start on Monday) that contains `ms`. */
export function periodStartMs(ms: number, zone: string, unit: PeriodUnit): number {
  const key = `${zone}|${unit}`;
  const last = lastPeriods.get(key);
  if (last !== undefined && ms >= last.startMs && ms < last.endMs) return last.startMs;

  const startMs = DateTime.fromMillis(ms, { zone }).startOf(unit).toMillis();
  lastPeriods.set(key, { startMs, endMs: nextPeriodStartMs(startMs, zone, unit) });
  return startMs;
}

export function nextPeriodStartMs(startMs: number, zone: string, unit: PeriodUnit): number {
  // Hours add elapsed time; days and longer add calendar time, which is what DST needs.
  const one: DurationLikeObject = {};
  one[unit] = 1;
  return DateTime.fromMillis(startMs, { zone }).plus(one).toMillis();
}

/**
 * Closed periods of a history resolution that start in `[startMs, endMs)` and end by
 * `endMs`, oldest first, as `[start, end)` pairs.
 */
export function periodsWithin(
  resolution: HistoryResolution,
  zone: string,
  startMs: number,
  endMs: number,
): [number, number][] {
  const periods: [number, number][] = [];
  let start = firstBoundaryAtOrAfter(resolution, zone, startMs);
  for (;;) {
    const end = nextBoundary(resolution, zone, start);
    if (end > endMs) return periods;
    periods.push([start, end]);
    start = end;
  }
}

/** ISO 8601 with the zone's offset, as history points carry it. */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** ISO 8601 in UTC to the second, as `status.lastSeen` carries it. */
export function isoUtc(ms: number): string {
  return new Date(Math.floor(ms / 1_000) * 1_000).toISOString().replace('.000Z', 'Z');
}

/**
 * The zone's offset without daylight saving. The sun keeps standard time, so daylight and
 * daily habits are modelled on it; the smaller of January's and July's offsets is the
 * standard one in both hemispheres.
 */
export function standardOffsetMs(zone: string): number {
  const known = standardOffsets.get(zone);
  if (known !== undefined) return known;

  const january = DateTime.fromObject({ year: 2026, month: 1, day: 1 }, { zone }).offset;
  const july = DateTime.fromObject({ year: 2026, month: 7, day: 1 }, { zone }).offset;
  const offsetMs = Math.min(january, july) * MINUTE_MS;
  standardOffsets.set(zone, offsetMs);
  return offsetMs;
}

function firstBoundaryAtOrAfter(resolution: HistoryResolution, zone: string, ms: number): number {
  if (resolution === 'quarterHour') return Math.ceil(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const start = periodStartMs(ms, zone, resolution);
  return start < ms ? nextPeriodStartMs(start, zone, resolution) : start;
}

function nextBoundary(resolution: HistoryResolution, zone: string, startMs: number): number {
  // Every zone in use today is offset by whole quarter hours, so quarters are UTC quarters.
  if (resolution === 'quarterHour') return startMs + QUARTER_HOUR_MS;
  return nextPeriodStartMs(startMs, zone, resolution);
}
