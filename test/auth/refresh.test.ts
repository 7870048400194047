import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import {
  ConfigurationError,
  NetworkError,
  RateLimitedError,
  ReauthorizationRequiredError,
  ServerError,
} from '../../src/shared/errors.js';
import type { AuthHarnessOptions } from './harness.js';
import { APP_USER_AGENT, HOUR_MS, useAuthHarness } from './harness.js';

const start = useAuthHarness();

/** A loopback port nothing listens on: one just given up. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const MINUTE_MS = 60_000;

async function signedIn(options: AuthHarnessOptions = {}) {
  const harness = await start(options);
  const session = await harness.signIn();
  return { ...harness, session };
}

describe('refresh ahead of expiry', () => {
  it('hands out the stored token until two minutes before expiry, then refreshes', async () => {
    const { manager, session, advance, tokenRequests, store } = await signedIn();

    advance(HOUR_MS - 2 * MINUTE_MS - 1);
    expect(await manager.getAccessToken()).toBe(session.accessToken);
    expect(tokenRequests('refresh_token')).toBe(0);

    advance(1);
    const refreshed = await manager.getAccessToken();
    expect(refreshed).not.toBe(session.accessToken);
    expect(tokenRequests('refresh_token')).toBe(1);
    expect((await store.load())?.accessToken).toBe(refreshed);
    expect(await manager.getAccessToken()).toBe(refreshed);
    expect(tokenRequests('refresh_token')).toBe(1);
  });

  it('makes one token request for ten concurrent callers of an expired token (A1)', async () => {
    const { manager, advance, tokenRequests } = await signedIn();
    advance(HOUR_MS + 1);

    const tokens = await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken()));

    expect(tokenRequests('refresh_token')).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('sends the User-Agent and the client secret in the body of every refresh (B9)', async () => {
    const { manager, advance, server } = await signedIn();
    advance(HOUR_MS);

    await manager.getAccessToken();

    const refresh = server.requests.find((r) => r.form?.['grant_type'] === 'refresh_token');
    expect(refresh?.headers['user-agent']).toMatch(new RegExp(`^${APP_USER_AGENT} tibber-data/`));
    expect(refresh?.headers['authorization']).toBeUndefined();
    expect(refresh?.form?.['client_id']).toBe('tibber-data-mock-client');
  });

  it('keeps the refresh token when a response omits it, across a restart (A3)', async () => {
    const { manager, session, advance, server, store, newManager, tokenRequests } =
      await signedIn();
    const refreshAfterAnHour = async (target = manager): Promise<string | undefined> => {
      advance(HOUR_MS);
      await target.getAccessToken();
      return (await store.load())?.refreshToken;
    };

    server.faults.add({ route: 'token', fault: { kind: 'omitRefreshToken' } });
    expect(await refreshAfterAnHour()).toBe(session.refreshToken);
    const rotated = await refreshAfterAnHour();
    expect(rotated).not.toBe(session.refreshToken);
    server.faults.add({ route: 'token', fault: { kind: 'omitRefreshToken' } });
    expect(await refreshAfterAnHour()).toBe(rotated);
    expect(await refreshAfterAnHour(newManager())).not.toBe(rotated);

    expect(tokenRequests('refresh_token')).toBe(4);
    expect(server.requests.filter((r) => r.status === 400)).toEqual([]);
  });
});

describe('transient failures of the token endpoint (A5, A6, A8)', () => {
  it.each([500, 503])('treats %i as transient: no reauth, backoff, recovery', async (status) => {
    const { manager, advance, server, reauthEvents, tokenRequests, logger } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({ route: 'token', fault: { kind: 'status', status } });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'server', status });
    await expect(manager.getAccessToken()).rejects.toBe(error);
    expect(tokenRequests('refresh_token')).toBe(1);

    advance(1_000);
    await manager.getAccessToken();
    expect(tokenRequests('refresh_token')).toBe(2);
    expect(reauthEvents).toEqual([]);
    expect(logger.lines()).toEqual([
      'info: signed in',
      'warn: token refresh failed; keeping the current tokens',
      'info: token refresh recovered',
    ]);
  });

  it('hands out the old token while a refresh ahead of expiry fails', async () => {
    const { manager, session, advance, server, tokenRequests } = await signedIn();
    advance(HOUR_MS - MINUTE_MS);
    server.faults.add({ route: 'token', always: true, fault: { kind: 'status', status: 503 } });

    expect(await manager.getAccessToken()).toBe(session.accessToken);
    expect(await manager.getAccessToken()).toBe(session.accessToken);
    expect(tokenRequests('refresh_token')).toBe(1);
  });

  it('backs off 1, 2, 4 seconds between failed refreshes', async () => {
    const { manager, advance, server, tokenRequests } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({ route: 'token', always: true, fault: { kind: 'status', status: 502 } });
    const requestsAfter = async (ms: number): Promise<number> => {
      advance(ms);
      await manager.getAccessToken().catch(() => undefined);
      return tokenRequests('refresh_token');
    };

    expect(await requestsAfter(0)).toBe(1);
    expect(await requestsAfter(999)).toBe(1);
    expect(await requestsAfter(1)).toBe(2);
    expect(await requestsAfter(1_999)).toBe(2);
    expect(await requestsAfter(1)).toBe(3);
    expect(await requestsAfter(3_999)).toBe(3);
    expect(await requestsAfter(1)).toBe(4);
  });

  it('times out a token request that never answers, on the injected clock', async () => {
    const { manager, advance, server, reauthEvents } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({ route: 'token', fault: { kind: 'hang' } });

    const pending = manager.getAccessToken().catch((e: unknown) => e);
    await server.waitForRequest('token', 2);
    advance(30_000);

    expect(await pending).toMatchObject({ code: 'timeout' });
    expect(reauthEvents).toEqual([]);
  });

  it('treats a refused connection as a network error', async () => {
    const harness = await start();
    const { server } = harness;
    const manager = harness.newManager({
      endpoints: {
        authorization: server.endpoints.authorization,
        token: `http://127.0.0.1:${await closedPort()}/connect/token`,
      },
    });

    const error: unknown = await harness.signIn(manager).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/connect\/token failed: ECONNREFUSED$/,
    );
  });

  it('honours a 429 Retry-After and keeps the tokens (A6)', async () => {
    const { manager, advance, server, store, session, tokenRequests, clock } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({
      route: 'token',
      fault: { kind: 'status', status: 429, retryAfter: { kind: 'seconds', seconds: 120 } },
    });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAtMs: clock.now() + 120_000 });
    expect(await store.load()).toEqual(session);

    advance(119_999);
    await expect(manager.getAccessToken()).rejects.toBe(error);
    expect(tokenRequests('refresh_token')).toBe(1);
    advance(1);
    await manager.getAccessToken();
    expect(tokenRequests('refresh_token')).toBe(2);
  });

  it('calls invalid_client a configuration error, not a reason to sign in again (A8)', async () => {
    const { manager, advance, server, reauthEvents } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({ route: 'token', fault: { kind: 'oauthError', error: 'invalid_client' } });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      'the token endpoint (refresh) answered 401 invalid_client: check the client id, secret ' +
        'and registration',
    );
    expect(reauthEvents).toEqual([]);
  });

  it('calls a 403 HTML page without an OAuth error transient (A8)', async () => {
    const { manager, advance, server, reauthEvents } = await signedIn();
    advance(HOUR_MS);
    server.faults.add({ route: 'token', fault: { kind: 'html', status: 403 } });

    const error: unknown = await manager.getAccessToken().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 403 });
    expect(reauthEvents).toEqual([]);
  });
});

describe('refused grants (A7, A9, A13)', () => {
  it('latches on invalid_grant: one event, no token requests, resumes on sign-in', async () => {
    const harness = await signedIn();
    const { manager, advance, server, reauthEvents, tokenRequests } = harness;
    advance(HOUR_MS);
    server.revokeRefreshTokens();

    const first: unknown = await manager.getAccessToken().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ReauthorizationRequiredError);
    for (let i = 0; i < 5; i++) await expect(manager.getAccessToken()).rejects.toBe(first);
    expect(reauthEvents.map((e) => e.reason)).toEqual(['refresh_refused']);
    expect(tokenRequests('refresh_token')).toBe(1);

    const session = await harness.signIn();
    expect(await manager.getAccessToken()).toBe(session.accessToken);
    expect(reauthEvents).toHaveLength(1);
  });

  it('resumes when another holder of the store signs in', async () => {
    const harness = await signedIn();
    const { manager, advance, server, newManager } = harness;
    advance(HOUR_MS);
    server.revokeRefreshTokens();
    await manager.getAccessToken().catch(() => undefined);

    const session = await harness.signIn(newManager());

    expect(await manager.getAccessToken()).toBe(session.accessToken);
  });

  it('tells once, at start, that a month-old refresh token needs a sign-in (A13)', async () => {
    const harness = await signedIn();
    harness.advance(31 * 24 * HOUR_MS);
    const restarted = harness.newManager();
    const reasons: string[] = [];
    restarted.on('reauthRequired', (event) => reasons.push(event.reason));

    for (let i = 0; i < 3; i++) {
      await expect(restarted.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    }

    expect(reasons).toEqual(['refresh_refused']);
    expect(harness.tokenRequests('refresh_token')).toBe(1);
  });

  it('refreshes once for a 401, then wants a sign-in if the new one is refused (A9)', async () => {
    const { manager, session, reauthEvents, tokenRequests } = await signedIn();

    const replacement = await manager.refreshAfterUnauthorized(session.accessToken);
    expect(replacement).not.toBe(session.accessToken);
    expect(tokenRequests('refresh_token')).toBe(1);

    await expect(manager.refreshAfterUnauthorized(replacement)).rejects.toBeInstanceOf(
      ReauthorizationRequiredError,
    );
    expect(tokenRequests('refresh_token')).toBe(1);
    expect(reauthEvents.map((e) => e.reason)).toEqual(['unauthorized_after_refresh']);
  });

  it('answers a 401 for a token already replaced with the current one, no request', async () => {
    const { manager, session, tokenRequests } = await signedIn();
    const replacement = await manager.refreshAfterUnauthorized(session.accessToken);

    expect(await manager.refreshAfterUnauthorized(session.accessToken)).toBe(replacement);
    expect(tokenRequests('refresh_token')).toBe(1);
  });

  it('asks for a sign-in when the store holds no session', async () => {
    const { manager, reauthEvents, tokenRequests } = await start();

    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    await expect(manager.getAccessToken()).rejects.toBeInstanceOf(ReauthorizationRequiredError);

    expect(reauthEvents.map((e) => e.reason)).toEqual(['not_signed_in']);
    expect(tokenRequests()).toBe(0);
  });
});
