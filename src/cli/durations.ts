import { Duration } from 'luxon';

import { UsageError } from './exit-codes.js';

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

const SHORT_DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * A duration as people type one: `90s`, `2m`, `500ms`, `1h`, `7d`, a bare number of
 * seconds, or ISO 8601 (`PT1M30S`). `flag` names the option in the error.
 */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  const short = SHORT_DURATION.exec(trimmed);
  const ms = short !== null
    ? Number(short[1]) * (UNIT_MS[short[2] ?? ''] ?? Number.NaN)
    : /^\d+(?:\.\d+)?$/.test(trimmed)
      ? Number(trimmed) * 1_000
      : Duration.fromISO(trimmed.toUpperCase()).toMillis();
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(
      `${flag} takes a duration such as 30s, 5m, 1h or 7d, not ${JSON.stringify(text)}`,
    );
  }
  return Math.round(ms);
}

/** `2s`, `1m 30s`, `1h`: the shortest honest reading of a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1_000);
  for (const [unit, size] of [['d', 86_400], ['h', 3_600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count}${unit}`);
  }
  return parts.join(' ');
}
