import { MemoryTokenStore, OAuthSessionManager } from '../auth/index.js';
import { TibberDataClient } from '../api/index.js';
import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import {
  DEFAULT_MOCK_CLIENT,
  MockTibberServer,
  createDemoScenario,
  timeLapse,
} from '../testing/index.js';
import { cliUserAgent } from './account.js';
import type { CliContext } from './context.js';
import { formatDuration } from './durations.js';
import { showLive } from './live-view.js';
import { RunUntilStopped } from './signals.js';

export interface DemoOptions {
  readonly pollIntervalMs: number;
  readonly durationMs?: number;
  /** How many times faster than real time the household lives. */
  readonly speed: number;
  readonly seed?: number;
  readonly json: boolean;
  readonly all: boolean;
  readonly logger: Logger;
}

/**
 * The whole library against the built-in mock Tibber, no account needed: the mock
 * server, a real authorization-code sign-in with PKCE against it, the coordinator, the
 * entities, and each change as it happens.
 */
export function runDemo(context: CliContext, options: DemoOptions): Promise<void> {
  return RunUntilStopped.during(context, options.durationMs, async (run) => {
    const { output } = context;
    const scenario = createDemoScenario(options.seed === undefined ? {} : { seed: options.seed });
    const server = await MockTibberServer.start({
      scenario: timeLapse(scenario, { speed: options.speed, startMs: systemClock.now() }),
    });
    try {
      const auth = await signInToMock(server, options.logger);
      output.status(`Mock Tibber server on ${server.url} (no Tibber account needed)`);
      output.status(
        `Signed in as ${scenario.user.name} (authorization code with PKCE, tokens in memory)`,
      );
      output.status(
        `Polling every ${formatDuration(options.pollIntervalMs)}; the household lives ` +
          `${options.speed}× faster than real time. Ctrl-C stops.`,
      );
      await showLive({
        context,
        client: new TibberDataClient({
          auth,
          userAgent: cliUserAgent(),
          baseUrl: server.endpoints.dataApi,
          logger: options.logger,
        }),
        pollIntervalMs: options.pollIntervalMs,
        maxPhaseMs: 0,
        run,
        logger: options.logger,
        json: options.json,
        all: options.all,
      });
    } finally {
      await server.close();
    }
  });
}

/** What a user does in a browser, done by following the mock's redirect. */
async function signInToMock(
  server: MockTibberServer,
  logger: Logger,
): Promise<OAuthSessionManager> {
  const [redirectUri] = DEFAULT_MOCK_CLIENT.redirectUris;
  if (redirectUri === undefined) throw new Error('the mock client has no redirect URI');
  const auth = new OAuthSessionManager({
    issuer: server.issuer,
    clientId: DEFAULT_MOCK_CLIENT.clientId,
    clientSecret: DEFAULT_MOCK_CLIENT.clientSecret,
    redirectUri,
    userAgent: cliUserAgent(),
    store: new MemoryTokenStore(),
    logger,
  });
  const { url, pending } = await auth.beginAuthorization();
  const approval = await fetch(url, { redirect: 'manual' });
  const callback = approval.headers.get('location');
  if (callback === null) throw new Error(`the mock did not approve (HTTP ${approval.status})`);
  await auth.completeAuthorization(callback, pending);
  return auth;
}
