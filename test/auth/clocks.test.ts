import { describe, expect, it, vi } from 'vitest';

import { HOUR_MS, START_MS, useAuthHarness } from './harness.js';

const start = useAuthHarness();
const MINUTE_MS = 60_000;

describe('clocks (A10, A11)', () => {
  it.each([
    ['30 s ahead', 30_000],
    ['30 s behind', -30_000],
    ['5 min ahead', 5 * MINUTE_MS],
    ['5 min behind', -5 * MINUTE_MS],
  ])('never presents an expired token when the server clock is %s', async (_name, offsetMs) => {
    const { manager, advance, server, signIn } = await start({ serverClockOffsetMs: offsetMs });
    await signIn();
    const statuses = new Set<number>();

    for (let minute = 0; minute < 6 * 60; minute += 5) {
      const token = await manager.getAccessToken();
      const response = await fetch(`${server.endpoints.dataApi}/v1/homes`, {
        headers: { authorization: `Bearer ${token}`, 'user-agent': 'ClockTests/1.0.0' },
      });
      statuses.add(response.status);
      advance(5 * MINUTE_MS);
    }

    expect([...statuses]).toEqual([200]);
  });

  it('counts expiry in elapsed time across the spring DST change in Oslo', async () => {
    vi.stubEnv('TZ', 'Europe/Oslo');
    // 00:30 UTC on 29 March 2026; Oslo's clocks jump from 02:00 to 03:00 at 01:00 UTC.
    const beforeChangeMs = Date.UTC(2026, 2, 29, 0, 30);
    const { manager, advance, clock, signIn, tokenRequests } = await start();
    clock.set(beforeChangeMs);
    const session = await signIn();

    expect(session.expiresAt).toBe('2026-03-29T01:30:00.000Z');
    advance(HOUR_MS - 2 * MINUTE_MS - 1);
    await manager.getAccessToken();
    expect(tokenRequests('refresh_token')).toBe(0);
    advance(1);
    await manager.getAccessToken();
    expect(tokenRequests('refresh_token')).toBe(1);
    expect(new Date(START_MS).getTimezoneOffset()).toBe(-60);
  });
});
