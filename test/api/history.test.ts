import { describe, expect, it } from 'vitest';

import type { MappedHistoryPage } from '../../src/models/index.js';
import { ResponseValidationError } from '../../src/shared/errors.js';
import { START_MS, useClientHarness } from './harness.js';

const start = useClientHarness();
const HOUR_MS = 3_600_000;
const WINDOW = { effectiveStart: '2026-06-01T00:00:00Z', effectiveEnd: '2026-06-01T01:00:00Z' };
const FROM_WINDOW_START = { resolution: 'hour', since: WINDOW.effectiveStart } as const;

async function collect(pages: AsyncIterable<MappedHistoryPage>): Promise<MappedHistoryPage[]> {
  const result: MappedHistoryPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

async function battery(options: Parameters<typeof start>[0] = {}) {
  const harness = await start({ server: { historyPageSize: 10 }, ...options });
  const homeId = harness.scenario.homeId('main');
  const deviceId = harness.scenario.deviceId('battery');
  return { ...harness, homeId, deviceId };
}

describe('device history (C12, C13)', () => {
  it('follows next links from since, page by page, and reports the effective window', async () => {
    const { client, homeId, deviceId, server } = await battery();
    const since = new Date(START_MS - 48 * HOUR_MS).toISOString();

    const query = { resolution: 'hour', since } as const;
    const pages = await collect(client.getDeviceHistory(homeId, deviceId, query));

    expect(pages.map((p) => p.page.points.length)).toEqual([10, 10, 10, 10, 8]);
    expect(pages[0]?.page.effectiveStart).toBe(since);
    expect(pages[0]?.page.effectiveEnd).toBe(new Date(START_MS).toISOString());
    expect(server.countRequests('history')).toBe(5);
    const [first, ...rest] = server.requests.filter((r) => r.route === 'history');
    expect(first?.query).toEqual({ resolution: 'hour', since });
    expect(rest.every((r) => Object.keys(r.query).join() === 'cursor')).toBe(true);
  });

  it('goes back from until along prev links', async () => {
    const { client, homeId, deviceId } = await battery();
    const until = new Date(START_MS).toISOString();

    const query = { resolution: 'day', until } as const;
    const pages = await collect(client.getDeviceHistory(homeId, deviceId, query));

    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every((p) => p.issues.length === 0)).toBe(true);
  });

  it('stops at the page cap with an error rather than paging forever', async () => {
    const { client, homeId, deviceId, server } = await battery();
    const since = new Date(START_MS - 48 * HOUR_MS).toISOString();

    const error: unknown = await collect(
      client.getDeviceHistory(homeId, deviceId, { resolution: 'hour', since, maxPages: 3 }),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toBe(
      'history paging went past 3 pages; ask for a shorter window',
    );
    expect(server.countRequests('history')).toBe(3);
  });

  it('stops when a link returns to a page already served', async () => {
    const { client, homeId, deviceId, server, logger } = await battery();
    const loop =
      `${server.endpoints.dataApi}/v1/homes/${homeId}/devices/${deviceId}/history?cursor=x`;
    server.faults.add({
      route: 'history',
      always: true,
      fault: {
        kind: 'status',
        status: 200,
        body: {
          kind: 'json',
          value: {
            query: WINDOW,
            data: [{ time: '2026-06-01T00:00:00Z', data: { energy: 1 } }],
            next: loop,
          },
        },
      },
    });

    const pages = await collect(
      client.getDeviceHistory(homeId, deviceId, FROM_WINDOW_START),
    );

    expect(pages).toHaveLength(2);
    expect(server.countRequests('history')).toBe(2);
    expect(logger.lines('warn')).toEqual([
      'warn: history paging returned to a page it had served; stopping there',
    ]);
  });

  it('refuses a link to another origin, which would carry the token there', async () => {
    const { client, homeId, deviceId, server } = await battery();
    server.faults.add({
      route: 'history',
      fault: {
        kind: 'status',
        status: 200,
        body: {
          kind: 'json',
          value: {
            query: WINDOW,
            data: [],
            next: 'https://elsewhere.example/history?cursor=1',
          },
        },
      },
    });

    const error: unknown = await collect(
      client.getDeviceHistory(homeId, deviceId, FROM_WINDOW_START),
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(server.countRequests('history')).toBe(1);
  });

  it('checks the query before any request', async () => {
    const { client, homeId, deviceId, server } = await battery();

    expect(() =>
      client.getDeviceHistory(homeId, deviceId, { resolution: 'week' as 'day', since: 'x' }),
    ).toThrow(new TypeError('resolution must be quarterHour, hour, day or month'));
    expect(() =>
      client.getDeviceHistory(homeId, deviceId, { resolution: 'day', since: 'yesterday' }),
    ).toThrow(new TypeError('since must be a valid date-time'));
    expect(server.countRequests('any')).toBe(0);
  });
});
