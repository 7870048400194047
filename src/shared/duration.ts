import type { DurationLike } from 'luxon';
import { Duration } from 'luxon';

/**
 * A duration option in milliseconds: luxon's `DurationLike` at the public boundary (a
 * `Duration`, `{ minutes: 2 }`, or a number of milliseconds), the fallback when absent.
 * Anything shorter than `minMs` is the caller's bug: a `TypeError` naming the option.
 */
export function durationOptionMs(
  value: DurationLike | undefined,
  fallback: DurationLike,
  name: string,
  minMs = 0,
): number {
  const ms = Duration.fromDurationLike(value ?? fallback).toMillis();
  if (Number.isFinite(ms) && ms >= minMs) return ms;

  const bound = minMs === 0 ? 'a non-negative duration' : minMs === 1
    ? 'a positive duration'
    : `a duration of at least ${minMs} ms`;
  throw new TypeError(`${name} must be ${bound}`);
}
