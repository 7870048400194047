import { describe, expect, it } from 'vitest';

import { normaliseIsoInstant, parseIsoInstant } from '../../src/models/index.js';

describe('parseIsoInstant', () => {
  it.each([
    ['2026-08-21T10:00:00Z', Date.UTC(2026, 7, 21, 10)],
    ['2026-08-21T10:00:00.250Z', Date.UTC(2026, 7, 21, 10, 0, 0, 250)],
    [' 2026-08-21T10:00:00Z ', Date.UTC(2026, 7, 21, 10)],
    ['2026-08-21T12:00:00+02:00', Date.UTC(2026, 7, 21, 10)],
    ['2026-08-21T10:00:00', Date.UTC(2026, 7, 21, 10)],
    ['2026-08-21T10:00:00.123456Z', Date.UTC(2026, 7, 21, 10, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %j', (text, epochMs) => {
    expect(parseIsoInstant(text)).toBe(epochMs);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-02-30T00:00:00.000Z',
    '2026-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-02-28T25:00:00Z',
    '2026-02-28T23:59:60Z',
    'yesterday',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });

  it('writes every instant it reads in the one domain format', () => {
    expect(normaliseIsoInstant('2026-08-21T12:00:00+02:00')).toBe('2026-08-21T10:00:00.000Z');
    expect(normaliseIsoInstant('2026-08-21T10:00:00Z')).toBe('2026-08-21T10:00:00.000Z');
  });
});
