import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import {
  accountEnv,
  runCli,
  signedInAccount,
  useDemoTibber,
  useTempDirs,
} from './cli-process.js';

const HOUR_MS = 3_600_000;
const BATTERY = ['history', 'Home battery', '--resolution', 'hour', '--since', '6h'];

const tempDir = useTempDirs();
const tibber = useDemoTibber();

interface Served {
  /** The start of each hour served, oldest first. */
  readonly hours: readonly number[];
  /** What the scenario holds for each of those hours. */
  readonly data: readonly Record<string, unknown>[];
  readonly timeZone: string;
}

/**
 * What the mock served for the command's one history request, worked out from the request
 * itself: Tibber drops the minutes of `since`, and serves each whole hour from there up to
 * the hour still open when the request came (the home's offsets are whole hours).
 */
function servedForLastRequest(): Served {
  const requests = tibber.server.requests.filter((request) => request.route === 'history');
  expect(requests).toHaveLength(1);
  const [request] = requests;
  const since = request?.query['since'];
  if (request === undefined || since === undefined) throw new Error('no history request');
  expect(Object.keys(request.query).sort()).toEqual(['resolution', 'since']);
  expect(request.query['resolution']).toBe('hour');

  // `--since 6h` is six hours before the command asked, a moment before the server heard.
  const sinceMs = Date.parse(since);
  expect(sinceMs).toBeLessThanOrEqual(request.atMs - 6 * HOUR_MS);
  expect(sinceMs).toBeGreaterThan(request.atMs - 6 * HOUR_MS - 30_000);
  const startMs = Math.floor(sinceMs / HOUR_MS) * HOUR_MS;
  const endMs = Math.floor(request.atMs / HOUR_MS) * HOUR_MS;
  const hours = Array.from(
    { length: (endMs - startMs) / HOUR_MS },
    (_, i) => startMs + i * HOUR_MS,
  );
  // Six, but for an hour turning between the command reading its clock and the server its own.
  const turned = (endMs - Math.floor((sinceMs + 6 * HOUR_MS) / HOUR_MS) * HOUR_MS) / HOUR_MS;
  expect(hours).toHaveLength(6 + turned);

  const homeId = tibber.scenario.homeId('main');
  const timeZone = tibber.scenario.timeZoneOf(homeId) ?? '';
  expect(timeZone).toBe('Europe/Oslo');
  const { scenario } = tibber;
  const points = scenario.history(homeId, scenario.deviceId('battery'), 'hour', startMs, endMs);
  expect(points?.map((point) => Date.parse(point.time))).toEqual(hours);
  return { hours, data: points?.map((point) => point.data) ?? [], timeZone };
}

/** `{a: {b: 1}}` as `[['a.b', 1]]`, as the CSV's columns name the leaves. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[path, value]];
  return Object.entries(value).flatMap(([key, child]) =>
    leaves(child, path === '' ? key : `${path}.${key}`));
}

/** The CSV the served points make: every record CRLF-terminated, times in the home's zone. */
function expectedCsv(served: Served): string {
  const rows = served.data.map((data) => leaves(data));
  const columns = [...new Set(rows.flatMap((row) => row.map(([path]) => path)))];
  const records = rows.map((row, i) => {
    const local = DateTime.fromMillis(served.hours[i] ?? Number.NaN, { zone: served.timeZone });
    const cells = columns.map((column) => {
      const value = new Map(row).get(column);
      if (typeof value !== 'number') throw new Error(`${column} is not a number: make it one`);
      return String(value);
    });
    return [local.toISO({ suppressMilliseconds: true }), ...cells];
  });
  return [['time', ...columns], ...records].map((cells) => `${cells.join(',')}\r\n`).join('');
}

describe('tibber-data history', () => {
  it('prints each whole hour since --since as CSV in the home\'s zone, and exits 0', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    tibber.server.clearRequests();

    const { code, stdout, stderr } = await runCli(BATTERY, fixture.env);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    const served = servedForLastRequest();
    expect(stdout).toBe(expectedCsv(served));
    const [header, ...rows] = stdout.split('\r\n').slice(0, -1);
    expect(header).toMatch(/^time,battery\.charged,/);
    expect(rows).toHaveLength(served.hours.length);
    const times = rows.map((row) => row.split(',')[0] ?? '');
    for (const time of times) {
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:00:00\+0[12]:00$/);
    }
    const ms = times.map((time) => Date.parse(time));
    expect(ms.slice(1).map((at, i) => at - (ms[i] ?? 0))).toEqual(
      Array<number>(rows.length - 1).fill(HOUR_MS),
    );
  });

  it('prints each point as a JSON line of its UTC time and data with --json', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    tibber.server.clearRequests();

    const { code, stdout, stderr } = await runCli([...BATTERY, '--json'], fixture.env);

    expect(code).toBe(0);
    expect(stderr).toBe('');
    const served = servedForLastRequest();
    expect(stdout.endsWith('}\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual(served.hours.map((hour, i) => ({
      time: new Date(hour).toISOString(),
      data: served.data[i],
    })));
    for (const line of lines) expect(Object.keys(line as object)).toEqual(['time', 'data']);
  });

  it('writes the same CSV to --output and says how many points on stderr', async () => {
    const dir = await tempDir();
    const fixture = await signedInAccount(tibber.server, dir);
    tibber.server.clearRequests();
    const path = join(dir, 'h.csv');

    const { code, stdout, stderr } = await runCli([...BATTERY, '--output', path], fixture.env);

    expect(code).toBe(0);
    expect(stdout).toBe('');
    const served = servedForLastRequest();
    expect(stderr).toBe(`Wrote ${served.hours.length} points of Home battery to ${path}\n`);
    await expect(readFile(path, 'utf8')).resolves.toBe(expectedCsv(served));
  });

  it('exits 2 for a device the account does not have', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    tibber.server.clearRequests();

    const { code, stdout, stderr } = await runCli(['history', 'Toaster'], fixture.env);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'tibber-data: No device "Toaster": give a device id or name that `watch` shows\n',
    );
    const routes = tibber.server.requests.map((request) => request.route);
    expect(routes).toEqual(['homes', 'devices', 'devices']);
  });

  it('exits 2 naming the resolutions for one there is not, before it needs a session',
    async () => {
      const { env } = accountEnv(tibber.server, await tempDir());

      const { code, stdout, stderr } = await runCli(
        ['history', 'Home battery', '--resolution', 'weekly'],
        env,
      );

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'tibber-data: --resolution is one of quarterHour, hour, day, month, not "weekly"\n',
      );
      expect(tibber.server.requests).toEqual([]);
    });

  it('exits 2 for --since and --until together', async () => {
    const { env } = accountEnv(tibber.server, await tempDir());

    const { code, stdout, stderr } = await runCli(
      ['history', 'Home battery', '--since', '7d', '--until', '2026-12-01'],
      env,
    );

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'tibber-data: give --since or --until, not both: the history is paged from one end\n',
    );
    expect(tibber.server.requests).toEqual([]);
  });
});
