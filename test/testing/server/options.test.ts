import { describe, expect, it } from 'vitest';

import type { MockTibberServerOptions } from '../../../src/testing/server/index.js';
import { DEFAULT_MOCK_CLIENT, MockTibberServer } from '../../../src/testing/server/index.js';
import { fixtureScenario } from './fixture.js';
import {
  CLIENT,
  REDIRECT_URI,
  authorizeRedirect,
  authorizeUrl,
  codeForm,
  getData,
  pkcePair,
  postToken,
  refreshForm,
  useHarness,
} from './helpers.js';

const { start } = useHarness();

describe('options', () => {
  it('registers one documented default client', () => {
    expect(DEFAULT_MOCK_CLIENT).toEqual({
      clientId: 'tibber-data-mock-client',
      clientSecret: 'tibber-data-mock-secret',
      redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:8765/callback'],
    });
  });

  it.each([
    [{ historyPageSize: 0 }, 'historyPageSize must be a positive integer'],
    [{ historyPageSize: 2.5 }, 'historyPageSize must be a positive integer'],
    [{ accessTokenTtlSeconds: 0 }, 'accessTokenTtlSeconds must be positive'],
    [{ refreshTokenTtlDays: -1 }, 'refreshTokenTtlDays must be positive'],
    [{ authorizationCodeTtlSeconds: Number.NaN }, 'authorizationCodeTtlSeconds must be positive'],
    [{ clients: [] }, 'clients must list at least one client'],
    [{ clients: [CLIENT, CLIENT] }, 'clients must have distinct client ids'],
  ])('refuses %j', async (options: Partial<MockTibberServerOptions>, message) => {
    await expect(MockTibberServer.start({ scenario: fixtureScenario(), ...options }))
      .rejects.toThrow(new RangeError(message));
  });

  it('runs on real time when given no clock', async () => {
    const server = await MockTibberServer.start({ scenario: fixtureScenario() });
    try {
      const before = Date.now();
      const issued = server.issueTokens();
      expect(issued.expiresAtMs).toBeGreaterThanOrEqual(before + 3_600_000);
      expect((await getData(server, '/v1/homes', issued.accessToken)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('closes idempotently', async () => {
    const harness = await start();

    await Promise.all([harness.server.close(), harness.server.close()]);

    await expect(fetch(harness.server.endpoints.discovery)).rejects.toThrow(TypeError);
  });

  it('honours a configured code lifetime', async () => {
    const { server, clock } = await start({ authorizationCodeTtlSeconds: 5 });
    const { verifier, challenge } = pkcePair();
    const location = await authorizeRedirect(authorizeUrl(server, challenge));
    const code = location.searchParams.get('code');

    clock.advance(5_000);

    expect((await postToken(server, codeForm(code ?? '', verifier))).status).toBe(400);
  });
});

describe('edges', () => {
  it('answers a path with a malformed escape with 404', async () => {
    const { server } = await start();

    const response = await getData(server, '/v1/homes/%E0%A4%A/devices', undefined);

    expect(response.status).toBe(404);
  });

  it('refuses a code grant without a code', async () => {
    const harness = await start();

    const response = await postToken(harness.server, {
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });

    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'code is required.',
    });
  });

  it('revokes the refresh tokens of one client only', async () => {
    const other = { clientId: 'other', clientSecret: 'o', redirectUris: [REDIRECT_URI] };
    const { server } = await start({ clients: [CLIENT, other] });
    const mine = server.issueTokens();
    const theirs = server.issueTokens({ clientId: 'other' });

    server.revokeRefreshTokens('other');

    expect((await postToken(server, refreshForm(mine.refreshToken ?? ''))).status).toBe(200);
    const refused = await postToken(server, {
      ...refreshForm(theirs.refreshToken ?? ''),
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    expect(refused.status).toBe(400);
  });

  it('exposes the scenario user', async () => {
    const harness = await start();

    expect(harness.server.user.sub).toBe('user-4711');
  });
});
