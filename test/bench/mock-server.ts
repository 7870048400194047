import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  ManualClock,
  MockTibberServer,
  generateScaleScenario,
} from '../../src/testing/index.js';
import { compare, ms, ratio } from './measure.js';

const AT_MS = Date.UTC(2026, 5, 1, 10);
const USER_AGENT = 'Bench/1.0.0 tibber-data-bench (node)';
const CONCURRENCY = 8;

/** Fetches every path, `CONCURRENCY` at a time, reading each body in full. */
async function fetchAll(baseUrl: string, paths: readonly string[], token: string): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++] ?? '/';
      const response = await fetch(new URL(path, baseUrl), {
        headers: { authorization: `Bearer ${token}`, 'user-agent': USER_AGENT },
      });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** A bare node:http server answering each path with bytes rendered beforehand: the floor. */
async function startFloorServer(bodies: ReadonlyMap<string, string>): Promise<{
  url: string;
  close: () => Promise<void>;
}> {
  const server = createServer((request, response) => {
    const body = bodies.get(request.url ?? '') ?? '{}';
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * One full poll of an account (homes, device lists, every detail) from the mock server,
 * against a bare server sending the same bytes: what the mock's realism costs a test suite.
 */
export async function benchMockServer(devices: number): Promise<string[]> {
  const homes = Math.max(1, Math.ceil(devices / 100));
  const scenario = generateScaleScenario({
    homes,
    devicesPerHome: Math.ceil(devices / homes),
    capabilitiesPerDevice: 70,
    seed: 11,
  });
  const clock = new ManualClock(AT_MS);
  const mock = await MockTibberServer.start({ scenario, clock, scheduler: clock });
  const { accessToken } = mock.issueTokens();

  const paths = ['/v1/homes'];
  for (const home of scenario.homes(AT_MS)) {
    paths.push(`/v1/homes/${home.id}/devices`);
    for (const device of scenario.devices(home.id, AT_MS) ?? []) {
      paths.push(`/v1/homes/${home.id}/devices/${device.id}`);
    }
  }
  const bodies = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(new URL(path, mock.url), {
      headers: { authorization: `Bearer ${accessToken}`, 'user-agent': USER_AGENT },
    });
    bodies.set(path, await response.text());
  }
  const floor = await startFloorServer(bodies);

  try {
    const timings = await compare(
      {
        floor: () => fetchAll(floor.url, paths, accessToken),
        mock: () => fetchAll(mock.url, paths, accessToken),
      },
      { rounds: devices >= 1_000 ? 5 : 11, warmupRounds: 2 },
    );
    const bare = timings['floor'];
    const served = timings['mock'];
    if (bare === undefined || served === undefined) return [];
    const bytes = [...bodies.values()].reduce((sum, body) => sum + body.length, 0);
    return [
      `  ${String(devices).padStart(5)} devices, ${paths.length} requests, ` +
        `${(bytes / 1e6).toFixed(1)} MB: mock ${ms(served.wallMs)}, bare ${ms(bare.wallMs)} ` +
        `= ${ratio(served.wallMs, bare.wallMs)} wall, ${ratio(served.cpuMs, bare.cpuMs)} CPU`,
    ];
  } finally {
    await floor.close();
    await mock.close();
  }
}
