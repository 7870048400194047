import { describe, expect, it } from 'vitest';

import type { OAuthSessionManager } from '../../src/auth/session-manager.js';
import { ReauthorizationRequiredError } from '../../src/shared/errors.js';
import type { Fault } from '../../src/testing/index.js';
import { mulberry32 } from '../../src/testing/index.js';
import { HOUR_MS, useAuthHarness } from './harness.js';

const start = useAuthHarness();
const SIMULATED_HOURS = 2_000;

/**
 * Faults that answer in the token endpoint's place, so the server has not acted. (A reply
 * lost after the server rotated cannot be survived by any client of a server that revokes
 * on reuse; the mock's `resetMidBody` shows that, and is left out here.)
 */
const FAULTS: readonly Fault[] = [
  { kind: 'status', status: 503 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 429, retryAfter: { kind: 'seconds', seconds: 30 } },
  { kind: 'html', status: 502 },
  { kind: 'reset' },
  { kind: 'hang' },
  { kind: 'omitRefreshToken' },
];

describe('soak (A2)', () => {
  it(`never presents a used refresh token over ${SIMULATED_HOURS} simulated hours`, async () => {
    const harness = await start();
    const { advance, server, store, signIn, reauthEvents, newManager } = harness;
    await signIn();
    const random = mulberry32(2026);
    let manager: OAuthSessionManager = harness.manager;
    let transientFailures = 0;

    for (let hour = 0; hour < SIMULATED_HOURS; hour++) {
      const fault = random() < 0.2 ? FAULTS[Math.floor(random() * FAULTS.length)] : undefined;
      if (fault !== undefined) server.faults.add({ route: 'token', fault });
      if (random() < 0.02) manager = newManager();

      advance(HOUR_MS + Math.floor(random() * 10 * 60_000));
      const callers = Array.from({ length: 1 + Math.floor(random() * 5) }, () =>
        manager.getAccessToken().then(
          () => 'ok',
          (error: unknown) => {
            if (error instanceof ReauthorizationRequiredError) throw error;
            return 'transient';
          },
        ),
      );
      if (fault?.kind === 'hang') {
        await server.waitForRequest('token', server.countRequests('token') + 1);
        advance(30_000);
      }
      transientFailures += (await Promise.all(callers)).filter((r) => r === 'transient').length;
      // The next hour's refresh waits out this hour's backoff rather than skipping it.
      advance(5 * 60_000);
    }

    const refused = server.requests.filter((r) => r.route === 'token' && r.status === 400);
    expect(refused).toEqual([]);
    expect(reauthEvents).toEqual([]);
    expect(transientFailures).toBeGreaterThan(0);
    const token = (await store.load())?.accessToken ?? '';
    const homes = await fetch(`${server.endpoints.dataApi}/v1/homes`, {
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'SoakTests/1.0.0' },
    });
    expect(homes.status).toBe(200);
    // Thousands of token exchanges on two shared cores: allowed more than one test's usual time.
  }, 90_000);
});
