import { describe, expect, it } from 'vitest';

import { CHARGER_ID, MAIN_HOME_ID, VEHICLE_ID } from './fixture.js';
import { getData, problemDetail, startHarness, useHarness } from './helpers.js';

// The clock stands at 2026-01-10 13:34 in Oslo (+01:00); the charger keeps 30 days.

const { start, current } = useHarness();

const historyPath = (deviceId = CHARGER_ID, homeId = MAIN_HOME_ID): string =>
  `/v1/homes/${homeId}/devices/${deviceId}/history`;

interface HistoryPage {
  query: Record<string, string>;
  data: { time: string; data: unknown }[];
  next?: string;
  prev?: string;
}

async function fetchHistory(
  query: string,
  token?: string,
): Promise<{ status: number; body: unknown }> {
  const { server } = current();
  const accessToken = token ?? server.issueTokens().accessToken;
  const response = await getData(server, `${historyPath()}?${query}`, accessToken);
  return { status: response.status, body: await response.json() };
}

async function page(urlOrQuery: string): Promise<HistoryPage> {
  const { server } = current();
  const url = urlOrQuery.startsWith('http') ? urlOrQuery : `${historyPath()}?${urlOrQuery}`;
  const response = await getData(server, url, server.issueTokens().accessToken);
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryPage;
}

const times = (p: HistoryPage): string[] => p.data.map((point) => point.time);

describe('history parameters', () => {
  it.each([
    ['', 'resolution must be one of quarterHour, hour, day, month.'],
    ['resolution=week&since=2026-01-10T00:00:00Z',
      'resolution must be one of quarterHour, hour, day, month.'],
    ['resolution=hour', 'Give exactly one of since and until.'],
    ['resolution=hour&since=2026-01-09T00:00:00Z&until=2026-01-10T00:00:00Z',
      'Give exactly one of since and until.'],
    ['resolution=hour&since=yesterday', 'since must be an ISO 8601 date-time.'],
    ['resolution=hour&until=2026-13-01T00:00:00Z', 'until must be an ISO 8601 date-time.'],
  ])('refuses "%s" with 400', async (query, detail) => {
    await start();

    expect(await fetchHistory(query)).toEqual({
      status: 400,
      body: { type: 'about:blank', title: 'Bad Request', status: 400, detail },
    });
  });

  it('refuses a resolution the device does not keep', async () => {
    const { server } = await start();
    const path = `${historyPath(VEHICLE_ID)}?resolution=hour&since=2026-01-10T00:00:00Z`;

    const response = await getData(server, path, server.issueTokens().accessToken);

    expect(response.status).toBe(400);
    expect(await problemDetail(response)).toBe('The device keeps no hour history.');
  });

  it('hides the history of a device outside the scopes, and of unknown ones, as 404', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens({ scopes: ['data-api-homes-read'] });
    const full = server.issueTokens().accessToken;
    const query = '?resolution=hour&since=2026-01-10T00:00:00Z';

    const hidden = await getData(server, `${historyPath()}${query}`, accessToken);
    const unknown = await getData(server, `${historyPath('nope')}${query}`, full);

    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
  });
});

describe('history windows', () => {
  it('truncates minutes and seconds and stops before the open hour', async () => {
    await start();

    const result = await page('resolution=hour&since=2026-01-10T08:47:13Z');

    expect(result).toEqual({
      query: {
        resolution: 'hour',
        since: '2026-01-10T09:00:00+01:00',
        effectiveStart: '2026-01-10T09:00:00+01:00',
        effectiveEnd: '2026-01-10T13:00:00+01:00',
      },
      data: [9, 10, 11, 12].map((hour) => ({
        time: `2026-01-10T${String(hour).padStart(2, '0')}:00:00.000+01:00`,
        data: { energy: { consumed: hour + 0.5 } },
      })),
    });
  });

  it('stops quarter hours before the open quarter', async () => {
    await start();

    const result = await page('resolution=quarterHour&since=2026-01-10T08:47:13Z');

    expect(result.query['effectiveEnd']).toBe('2026-01-10T13:30:00+01:00');
    expect(result.data).toHaveLength(18);
    expect(result.data[0]?.time).toBe('2026-01-10T09:00:00.000+01:00');
    expect(result.data[17]?.time).toBe('2026-01-10T13:15:00.000+01:00');
  });

  it('truncates in the offset the client wrote', async () => {
    await start();

    const result = await page('resolution=hour&since=2026-01-10T10:47:00%2B05:30');

    expect(result.query['since']).toBe('2026-01-10T05:30:00+01:00');
    expect(times(result)[0]).toBe('2026-01-10T06:00:00.000+01:00');
    expect(result.data).toHaveLength(7);
  });

  it('reads a time without an offset in the home zone', async () => {
    await start();

    const result = await page('resolution=hour&since=2026-01-10T09:59:59');

    expect(result.query['since']).toBe('2026-01-10T09:00:00+01:00');
  });

  it('reaches back seven days from until by default for hours', async () => {
    await start();

    const result = await page('resolution=hour&until=2026-01-09T00:00:00%2B01:00');

    expect(result.query).toEqual({
      resolution: 'hour',
      until: '2026-01-09T00:00:00+01:00',
      effectiveStart: '2026-01-02T00:00:00+01:00',
      effectiveEnd: '2026-01-09T00:00:00+01:00',
    });
    expect(result.data).toHaveLength(96);
    expect(result.next).toEqual(expect.any(String));
  });

  it('clamps the start to the retention', async () => {
    await start();

    const result = await page('resolution=day&since=2025-12-05T00:00:00%2B01:00');

    expect(result.query).toEqual({
      resolution: 'day',
      since: '2025-12-05T00:00:00+01:00',
      effectiveStart: '2025-12-11T13:00:00+01:00',
      effectiveEnd: '2026-01-05T00:00:00+01:00',
    });
    expect(result.data).toHaveLength(24);
    expect(times(result)[0]).toBe('2025-12-12T00:00:00.000+01:00');
    expect(times(result)[23]).toBe('2026-01-04T00:00:00.000+01:00');
  });

  it('answers an empty window where retention and the open period leave nothing', async () => {
    await start();

    const old = await page('resolution=day&since=2025-11-01T00:00:00%2B01:00');
    const open = await page('resolution=hour&since=2026-01-10T13:00:00%2B01:00');
    const months = await page('resolution=month&until=2026-01-10T13:00:00%2B01:00');

    expect(old.query['effectiveStart']).toBe('2025-12-11T13:00:00+01:00');
    expect(old.query['effectiveEnd']).toBe('2025-12-11T13:00:00+01:00');
    expect(old.data).toEqual([]);
    expect(open.query['effectiveEnd']).toBe('2026-01-10T13:00:00+01:00');
    expect(open.data).toEqual([]);
    expect(months.query['effectiveEnd']).toBe('2026-01-01T00:00:00+01:00');
    expect(months.data).toEqual([]);
  });
});

describe('history paging', () => {
  it('pages through next to the end with exact counts', async () => {
    const { server } = await start({ historyPageSize: 5 });
    const first = await page('resolution=quarterHour&since=2026-01-10T08:47:13Z');

    const pages = [first];
    for (let next = first.next; next !== undefined; next = pages.at(-1)?.next) {
      expect(next.startsWith(`${server.url}${historyPath()}?cursor=`)).toBe(true);
      pages.push(await page(next));
    }

    expect(pages.map((p) => p.data.length)).toEqual([5, 5, 5, 3]);
    expect(pages.map((p) => p.prev === undefined)).toEqual([true, false, false, false]);
    expect(pages.every((p) => JSON.stringify(p.query) === JSON.stringify(first.query))).toBe(true);
    const all = pages.flatMap(times);
    expect(all).toHaveLength(18);
    expect(new Set(all).size).toBe(18);
    expect(all[0]).toBe('2026-01-10T09:00:00.000+01:00');
    expect(all[17]).toBe('2026-01-10T13:15:00.000+01:00');
    expect(server.countRequests('history')).toBe(4);
  });

  it('links back with prev', async () => {
    await start({ historyPageSize: 5 });
    const first = await page('resolution=quarterHour&since=2026-01-10T08:47:13Z');
    const second = await page(first.next ?? '');

    const back = await page(second.prev ?? '');

    expect(times(back)).toEqual(times(first));
  });

  it('splits a week of hours into 96 and 72', async () => {
    await start();
    const first = await page('resolution=hour&until=2026-01-09T00:00:00%2B01:00');

    const second = await page(first.next ?? '');

    expect(second.data).toHaveLength(72);
    expect(second.next).toBeUndefined();
    expect(times(second).at(-1)).toBe('2026-01-08T23:00:00.000+01:00');
  });

  it('keeps the window of the first request while the clock moves', async () => {
    const { clock } = await start({ historyPageSize: 3 });
    const first = await page('resolution=hour&since=2026-01-10T08:00:00Z');

    clock.advance(3_600_000);
    const second = await page(first.next ?? '');

    // The 13:00 hour closed meanwhile, but the window was fixed at 09:00 to 13:00.
    expect(times(second)).toEqual(['2026-01-10T12:00:00.000+01:00']);
    expect(second.query['effectiveEnd']).toBe('2026-01-10T13:00:00+01:00');
    expect(second.next).toBeUndefined();
  });

  it.each([
    ['a tampered cursor', (next: string) => `${next.slice(0, -2)}AA`, 'Invalid cursor.'],
    ['a cursor beside other parameters', (next: string) => `${next}&resolution=hour`,
      'cursor cannot be combined with other parameters.'],
    ['a cursor on another device', (next: string) => next.replace(CHARGER_ID, VEHICLE_ID),
      'Invalid cursor.'],
    ['a made-up cursor', (next: string) => `${next.split('?')[0] ?? ''}?cursor=abc`,
      'Invalid cursor.'],
  ])('refuses %s with 400', async (_name, rework, detail) => {
    const { server } = await start({ historyPageSize: 5 });
    const first = await page('resolution=quarterHour&since=2026-01-10T08:47:13Z');

    const { accessToken } = server.issueTokens();
    const response = await getData(server, rework(first.next ?? ''), accessToken);

    expect(response.status).toBe(400);
    expect(await problemDetail(response)).toBe(detail);
  });

  it('refuses a cursor made by another server', async () => {
    await start({ historyPageSize: 5 });
    const first = await page('resolution=quarterHour&since=2026-01-10T08:47:13Z');
    const other = await startHarness({ historyPageSize: 5 });

    try {
      const cursor = new URL(first.next ?? '').search;
      const response = await getData(
        other.server,
        `${historyPath()}${cursor}`,
        other.server.issueTokens().accessToken,
      );
      expect(response.status).toBe(400);
    } finally {
      await other.server.close();
    }
  });
});
