import { TibberDataClient, staticAccessToken } from '../../src/api/index.js';
import type { FaultRoute } from '../../src/testing/index.js';
import { MockTibberServer, generateScaleScenario } from '../../src/testing/index.js';
import type { Task, Timing } from './measure.js';
import { compare, ms, ratio } from './measure.js';

const LATENCY_MS = 20;
const USER_AGENT = 'Bench/1.0.0';
const FETCH_USER_AGENT = 'Bench/1.0.0 tibber-data-bench (node)';
const DATA_ROUTES: readonly FaultRoute[] = ['homes', 'devices', 'device', 'history'];
/** About this much JSON is parsed per timed parse task, so small accounts still register. */
const PARSE_BYTES_PER_TASK = 4_000_000;

/**
 * Device details in flight: the client's default, then a wider setting where it is cheap.
 * At 1,000 devices the wider one would add about 25 s to the bench, so it is left out.
 */
function concurrenciesFor(devices: number): readonly number[] {
  return devices >= 1_000 ? [4] : [4, 8];
}

interface Account {
  readonly homesPath: string;
  readonly listPaths: readonly string[];
  readonly detailPaths: readonly string[];
  readonly homes: number;
  readonly devices: number;
}

interface Counts {
  readonly homes: number;
  readonly devices: number;
  readonly details: number;
}

/** One full refresh with the client: homes, every list at once, every detail at once. */
async function clientRefresh(client: TibberDataClient): Promise<Counts> {
  const homes = await client.getHomes();
  const lists = await Promise.all(homes.items.map((home) => client.getDevices(home.homeId)));
  const details = await Promise.all(
    lists.flatMap((list) =>
      list.items.map((device) => client.getDevice(device.homeId, device.deviceId)),
    ),
  );
  const devices = lists.reduce((sum, list) => sum + list.items.length, 0);
  return { homes: homes.items.length, devices, details: details.length };
}

/** The same refresh shape with bare `fetch`: bodies read as text, never parsed or mapped. */
async function fetchRefresh(
  baseUrl: string,
  account: Account,
  token: string,
  concurrency: number,
): Promise<void> {
  const get = async (path: string): Promise<void> => {
    const response = await fetch(new URL(path, baseUrl), {
      headers: { authorization: `Bearer ${token}`, 'user-agent': FETCH_USER_AGENT },
    });
    await response.text();
  };
  await get(account.homesPath);
  await Promise.all(account.listPaths.map(get));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < account.detailPaths.length) await get(account.detailPaths[next++] ?? '/');
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function dataRequests(server: MockTibberServer): number {
  return (
    server.countRequests('homes') + server.countRequests('devices') + server.countRequests('device')
  );
}

function spread(values: readonly number[]): string {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? String(low) : `${low}..${high}`;
}

/**
 * One full refresh of an account through `TibberDataClient`, every data route answering
 * after `LATENCY_MS`: requests against the minimum, wall time against the latency floor,
 * and the client's own CPU (less a bare-fetch refresh's, which carries the in-process mock
 * server's cost) against `JSON.parse` of the same bytes.
 */
export async function benchClient(devices: number): Promise<string[]> {
  const homes = Math.max(1, Math.ceil(devices / 100));
  const devicesPerHome = Math.ceil(devices / homes);
  const scenario = generateScaleScenario({
    homes,
    devicesPerHome,
    capabilitiesPerDevice: 70,
    seed: 11,
  });
  // Real time: latency faults wait on the system scheduler.
  const server = await MockTibberServer.start({ scenario });
  try {
    const { accessToken } = server.issueTokens();
    const nowMs = Date.now();
    const listPaths: string[] = [];
    const detailPaths: string[] = [];
    for (const home of scenario.homes(nowMs)) {
      listPaths.push(`/v1/homes/${home.id}/devices`);
      for (const device of scenario.devices(home.id, nowMs) ?? []) {
        detailPaths.push(`/v1/homes/${home.id}/devices/${device.id}`);
      }
    }
    const account: Account = {
      homesPath: '/v1/homes',
      listPaths,
      detailPaths,
      homes: listPaths.length,
      devices: detailPaths.length,
    };

    // The bytes a refresh receives, collected once before any latency is armed.
    const bodies: string[] = [];
    for (const path of [account.homesPath, ...listPaths, ...detailPaths]) {
      const response = await fetch(new URL(path, server.url), {
        headers: { authorization: `Bearer ${accessToken}`, 'user-agent': FETCH_USER_AGENT },
      });
      bodies.push(await response.text());
    }
    const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    const parseRepeat = Math.max(1, Math.round(PARSE_BYTES_PER_TASK / bytes));

    for (const route of DATA_ROUTES) {
      server.faults.add({ route, always: true, fault: { kind: 'latency', delayMs: LATENCY_MS } });
    }

    const concurrencies = concurrenciesFor(devices);
    const requestCounts = new Map<number, number[]>(concurrencies.map((c) => [c, []]));
    const tasks: Record<string, Task> = {
      parse: () => {
        for (let i = 0; i < parseRepeat; i++) for (const body of bodies) JSON.parse(body);
      },
    };
    for (const concurrency of concurrencies) {
      const client = new TibberDataClient({
        auth: staticAccessToken(accessToken),
        userAgent: USER_AGENT,
        baseUrl: server.endpoints.dataApi,
        maxConcurrentDetails: concurrency,
      });
      tasks[`client${String(concurrency)}`] = async () => {
        server.clearRequests();
        const counts = await clientRefresh(client);
        requestCounts.get(concurrency)?.push(dataRequests(server));
        if (
          counts.homes !== account.homes ||
          counts.devices !== account.devices ||
          counts.details !== account.devices
        ) {
          throw new Error(
            `client saw ${String(counts.homes)} homes, ${String(counts.devices)} devices, ` +
              `${String(counts.details)} details; the account has ${String(account.homes)} ` +
              `homes and ${String(account.devices)} devices`,
          );
        }
      };
      tasks[`fetch${String(concurrency)}`] = async () => {
        server.clearRequests();
        await fetchRefresh(server.url, account, accessToken, concurrency);
      };
    }

    const timings = await compare(
      tasks,
      devices >= 1_000 ? { rounds: 3, warmupRounds: 0 } : { rounds: 7, warmupRounds: 2 },
    );
    const parse = timings['parse'];
    if (parse === undefined) return [];
    const parseCpuMs = parse.cpuMs / parseRepeat;
    const minimum = 1 + account.homes + account.devices;

    const lines: string[] = [];
    for (const concurrency of concurrencies) {
      const client: Timing | undefined = timings[`client${String(concurrency)}`];
      const bare: Timing | undefined = timings[`fetch${String(concurrency)}`];
      if (client === undefined || bare === undefined) continue;
      const counts = requestCounts.get(concurrency) ?? [];
      const requests = counts.length === 0 ? 0 : Math.max(...counts);
      const floorMs = LATENCY_MS * (2 + Math.ceil(account.devices / concurrency));
      const ownCpuMs = client.cpuMs - bare.cpuMs;
      lines.push(
        `  ${String(account.devices).padStart(5)} devices (${String(account.homes)} homes, ` +
          `${(bytes / 1e6).toFixed(1)} MB), ${String(concurrency)} in flight: ` +
          `requests ${spread(counts)} / ${String(minimum)} = ${ratio(requests, minimum)}; ` +
          `wall ${ms(client.wallMs)} / ${ms(floorMs)} = ${ratio(client.wallMs, floorMs)} ` +
          `(bare fetch ${ratio(bare.wallMs, floorMs)}); ` +
          `CPU (${ms(client.cpuMs)} - ${ms(bare.cpuMs)}) / ${ms(parseCpuMs)} = ` +
          `${ratio(ownCpuMs, parseCpuMs)} JSON.parse`,
      );
    }
    return lines;
  } catch (error) {
    // Reported, not thrown, so that the other sizes still run; the bench exits non-zero.
    process.exitCode = 1;
    const message = error instanceof Error ? error.stack ?? error.message : String(error);
    return [`  ${String(devices).padStart(5)} devices: the client refresh failed: ${message}`];
  } finally {
    await server.close();
  }
}

/** The heading and legend printed above `benchClient`'s rows. */
export function clientBenchHeading(): string[] {
  const latency = `${String(LATENCY_MS)} ms`;
  return [
    'Client: a full refresh (getHomes, then all getDevices, then all getDevice via Promise.all), ' +
      `${latency} latency on every data request`,
    '  requests = data requests the mock logged per refresh, every round / minimum 1 + homes + ' +
      'devices',
    `  wall = median refresh / floor ${latency} x (2 + ceil(devices / in flight)); ` +
      'bare fetch: same URLs, same concurrency',
    '  CPU = (client refresh - bare-fetch refresh, which carries the in-process mock\'s cost) / ' +
      'JSON.parse of the same bytes',
  ];
}
