import { describe, expect, it } from 'vitest';

import { CABIN_ID, CHARGER_ID, MAIN_HOME_ID, VEHICLE_ID } from './fixture.js';
import { getData, useHarness } from './helpers.js';

const { start, current } = useHarness();

const UNAVAILABLE = { kind: 'status', status: 503 } as const;
const devicePath = (homeId: string, deviceId: string): string =>
  `/v1/homes/${homeId}/devices/${deviceId}`;

/** Statuses of `count` requests to `path`, one after another. */
async function statuses(path: string, count: number): Promise<number[]> {
  const { server } = current();
  const { accessToken } = server.issueTokens();
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await getData(server, path, accessToken)).status);
  return result;
}

describe('fault plan', () => {
  it('fires once by default', async () => {
    const harness = await start();
    harness.server.faults.add({ route: 'homes', fault: UNAVAILABLE });

    expect(await statuses('/v1/homes', 3)).toEqual([503, 200, 200]);
  });

  it('fires on the nth matching request only', async () => {
    const harness = await start();
    harness.server.faults.add({ route: 'homes', nth: 3, fault: UNAVAILABLE });

    expect(await statuses('/v1/homes', 5)).toEqual([200, 200, 503, 200, 200]);
  });

  it('fires on the next n matching requests with times', async () => {
    const harness = await start();
    harness.server.faults.add({ route: 'homes', times: 2, fault: UNAVAILABLE });

    expect(await statuses('/v1/homes', 4)).toEqual([503, 503, 200, 200]);
  });

  it('fires always until removed', async () => {
    const harness = await start();
    const rule = harness.server.faults.add({ route: 'homes', always: true, fault: UNAVAILABLE });

    expect(await statuses('/v1/homes', 3)).toEqual([503, 503, 503]);
    expect(rule.firedCount).toBe(3);
    rule.remove();
    expect(await statuses('/v1/homes', 1)).toEqual([200]);
  });

  it('fires rules added one after another in turn', async () => {
    const harness = await start();
    const { faults } = harness.server;
    faults.add({ route: 'homes', fault: UNAVAILABLE });
    faults.add({ route: 'homes', fault: { kind: 'status', status: 429 } });

    expect(await statuses('/v1/homes', 3)).toEqual([503, 429, 200]);
    expect(faults.size).toBe(0);
  });

  it('counts requests for nth whichever rule answered them', async () => {
    const harness = await start();
    const { faults } = harness.server;
    faults.add({ route: 'homes', fault: UNAVAILABLE });
    faults.add({ route: 'homes', nth: 2, fault: { kind: 'status', status: 502 } });

    expect(await statuses('/v1/homes', 3)).toEqual([503, 502, 200]);
  });

  it('matches by route, home and device', async () => {
    const harness = await start();
    harness.server.faults.add({
      route: 'device',
      match: { homeId: MAIN_HOME_ID, deviceId: CHARGER_ID },
      always: true,
      fault: UNAVAILABLE,
    });

    expect(await statuses(devicePath(MAIN_HOME_ID, VEHICLE_ID), 1)).toEqual([200]);
    expect(await statuses(devicePath(CABIN_ID, VEHICLE_ID), 1)).toEqual([200]);
    expect(await statuses('/v1/homes', 1)).toEqual([200]);
    expect(await statuses(devicePath(MAIN_HOME_ID, CHARGER_ID), 2)).toEqual([503, 503]);
  });

  it('matches every route with any', async () => {
    const { server } = await start();
    server.faults.add({ route: 'any', times: 3, fault: UNAVAILABLE });

    const discovery = await fetch(server.endpoints.discovery);
    const token = await fetch(server.endpoints.token, { method: 'POST' });
    const unknown = await fetch(`${server.url}/nowhere`);

    expect([discovery.status, token.status, unknown.status]).toEqual([503, 503, 503]);
  });

  it('clears every rule', async () => {
    const harness = await start();
    harness.server.faults.add({ route: 'homes', always: true, fault: UNAVAILABLE });

    harness.server.faults.clear();

    expect(await statuses('/v1/homes', 1)).toEqual([200]);
  });

  it.each([
    [{ nth: 1, times: 1 }, 'a fault rule takes one of nth, times and always'],
    [{ nth: 1, always: true as const }, 'a fault rule takes one of nth, times and always'],
    [{ nth: 0 }, 'nth and times must be positive'],
    [{ times: 1.5 }, 'nth and times must be positive'],
  ])('refuses the schedule %j', async (schedule, message) => {
    const harness = await start();

    expect(() => harness.server.faults.add({ route: 'homes', fault: UNAVAILABLE, ...schedule }))
      .toThrow(new RangeError(message));
  });
});
