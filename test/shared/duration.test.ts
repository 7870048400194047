import { Duration } from 'luxon';
import { describe, expect, it } from 'vitest';

import { durationOptionMs } from '../../src/shared/duration.js';

describe('durationOptionMs', () => {
  it('reads a Duration, an object, milliseconds, or the fallback', () => {
    const twoMinutes = Duration.fromObject({ minutes: 2 });
    expect(durationOptionMs(twoMinutes, { seconds: 1 }, 'x')).toBe(120_000);
    expect(durationOptionMs({ seconds: 3 }, { seconds: 1 }, 'x')).toBe(3_000);
    expect(durationOptionMs(250, { seconds: 1 }, 'x')).toBe(250);
    expect(durationOptionMs(undefined, { seconds: 1 }, 'x')).toBe(1_000);
  });

  it.each([
    [-1, 0, 'x must be a non-negative duration'],
    [0, 1, 'x must be a positive duration'],
    [500, 1_000, 'x must be a duration of at least 1000 ms'],
  ])('refuses %j below %j ms', (value, minMs, message) => {
    expect(() => durationOptionMs(value, 0, 'x', minMs)).toThrow(new TypeError(message));
  });
});
