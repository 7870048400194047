import { describe, expect, it } from 'vitest';

import { parseRetryAfter } from '../../src/shared/retry-after.js';

const NOW = Date.UTC(2026, 0, 10, 12);

describe('parseRetryAfter', () => {
  it.each([
    ['2', NOW + 2_000],
    ['0', NOW],
    ['86400', NOW + 86_400_000],
    [' 120 ', NOW + 120_000],
    ['Sat, 10 Jan 2026 12:00:30 GMT', NOW + 30_000],
    ['Sat, 10 Jan 2026 11:00:00 GMT', NOW],
  ])('reads %j', (header, expected) => {
    expect(parseRetryAfter(header, NOW)).toBe(expected);
  });

  it.each([null, undefined, '', '-5', '1.5', 'soon', '2026-01-10T12:00:30Z', 'Sat, 99 Foo 2026'])(
    'gives no answer for %j',
    (header) => {
      expect(parseRetryAfter(header, NOW)).toBeUndefined();
    },
  );
});
