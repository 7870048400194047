import { afterEach } from 'vitest';

import type { AccessTokenProvider } from '../../src/api/access-token-provider.js';
import type { TibberDataClientOptions } from '../../src/api/client-settings.js';
import { TibberDataClient } from '../../src/api/tibber-data-client.js';
import type { LoggedRequest, MockTibberServerOptions, Scenario } from '../../src/testing/index.js';
import { ManualClock, MockTibberServer, createDemoScenario } from '../../src/testing/index.js';
import { RecordingLogger } from '../support/recording-logger.js';

export const START_MS = Date.UTC(2026, 5, 1, 10);
export const APP = 'ClientTests/1.0.0';

export interface ClientHarness {
  readonly server: MockTibberServer;
  readonly clock: RecordingClock;
  readonly client: TibberDataClient;
  readonly logger: RecordingLogger;
  readonly scenario: Scenario;
  readonly auth: CountingTokens;
  /** Data API requests (token and discovery traffic left out). */
  dataRequests(): LoggedRequest[];
  /** Lets the client's pending work run, then moves the clock by `ms`. */
  advance(ms: number): Promise<void>;
  /** Runs `call` while moving the clock through its waits, until it settles. */
  settle<T>(call: Promise<T>, stepMs?: number): Promise<T>;
  newClient(options?: Partial<TibberDataClientOptions>): TibberDataClient;
}

/** Tokens from the mock, counted: as a session manager would hand them out. */
/** A manual clock that remembers every delay scheduled on it, in order. */
export class RecordingClock extends ManualClock {
  readonly scheduled: number[] = [];

  override setTimeout(callback: () => void, delayMs: number): object {
    this.scheduled.push(delayMs);
    return super.setTimeout(callback, delayMs);
  }
}

export class CountingTokens implements AccessTokenProvider {
  readonly #server: MockTibberServer;
  current: string;
  forcedRefreshes = 0;

  constructor(server: MockTibberServer) {
    this.#server = server;
    this.current = server.issueTokens().accessToken;
  }

  getAccessToken(): Promise<string> {
    return Promise.resolve(this.current);
  }

  refreshAfterUnauthorized(rejected: string): Promise<string> {
    this.forcedRefreshes++;
    if (rejected === this.current) this.current = this.#server.issueTokens().accessToken;
    return Promise.resolve(this.current);
  }
}

export function useClientHarness(): (options?: {
  client?: Partial<TibberDataClientOptions>;
  server?: Partial<MockTibberServerOptions>;
  scenario?: Scenario;
}) => Promise<ClientHarness> {
  const servers: MockTibberServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  return async (options = {}) => {
    const clock = new RecordingClock(START_MS);
    const scenario = options.scenario ?? createDemoScenario();
    const server = await MockTibberServer.start({
      scenario,
      clock,
      scheduler: clock,
      ...options.server,
    });
    servers.push(server);
    const logger = new RecordingLogger();
    const auth = new CountingTokens(server);
    const newClient = (overrides: Partial<TibberDataClientOptions> = {}): TibberDataClient =>
      new TibberDataClient({
        auth,
        userAgent: APP,
        baseUrl: server.endpoints.dataApi,
        userInfoUrl: server.endpoints.userinfo,
        clock,
        scheduler: clock,
        // A fixed, visible jitter: 0.5 of each range, so delays can be asserted exactly.
        random: () => 0.5,
        logger,
        ...options.client,
        ...overrides,
      });

    const advance = async (ms: number): Promise<void> => {
      await flush();
      clock.advance(ms);
      await flush();
    };
    return {
      server,
      clock,
      client: newClient(),
      logger,
      scenario,
      auth,
      dataRequests: () =>
        server.requests.filter((r) => ['homes', 'devices', 'device', 'history'].includes(r.route)),
      advance,
      settle: async <T>(call: Promise<T>): Promise<T> => {
        const state = { settled: false };
        const tracked = call.finally(() => {
          state.settled = true;
        });
        tracked.catch(() => undefined);
        for (let turns = 0; turns < 10_000 && !state.settled; turns++) {
          await flush();
          const before = clock.pendingDelaysMs().join();
          await flush();
          const [next] = clock.pendingDelaysMs();
          // Only a wait the client is sitting in, not a time-out racing a live answer.
          const isIdle = before === clock.pendingDelaysMs().join() &&
            server.requests.every((r) => r.status !== undefined || r.fault !== undefined);
          if (next !== undefined && isIdle) clock.advance(next);
        }
        return tracked;
      },
      newClient,
    };
  };
}

/** Lets sockets and promises make progress without moving the clock. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}
