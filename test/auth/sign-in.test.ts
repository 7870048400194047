import { describe, expect, it } from 'vitest';

import {
  pendingAuthorizationFields,
  restorePendingAuthorization,
} from '../../src/auth/pending-authorization.js';
import { AuthorizationCallbackError } from '../../src/shared/errors.js';
import { DEFAULT_MOCK_CLIENT } from '../../src/testing/index.js';
import { APP_USER_AGENT, REDIRECT_URI, START_MS, approve, useAuthHarness } from './harness.js';

const start = useAuthHarness();

describe('sign-in', () => {
  it('builds an authorization URL with PKCE S256, state and nonce, and no secret', async () => {
    const { manager } = await start();

    const { url, pending } = await manager.beginAuthorization();

    expect(url.origin + url.pathname).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/connect\/authorize$/);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: DEFAULT_MOCK_CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    expect(params['scope']?.split(' ')).toContain('offline_access');
    expect(params['code_challenge']).toMatch(/^[\w-]{43}$/);
    expect(url.href).not.toContain(DEFAULT_MOCK_CLIENT.clientSecret);
    expect(url.href).not.toContain(pending.codeVerifier);
    expect(pending.state).toMatch(/^[\w-]{43}$/);
    expect(pending.expiresAt).toBe(new Date(START_MS + 10 * 60_000).toISOString());
  });

  it('exchanges the code and stores a session for the id token subject', async () => {
    const { manager, server, store, signIn, tokenRequests } = await start();

    const session = await signIn();

    expect(session.userId).toBe(server.user.sub);
    expect(session.tokenType).toBe('Bearer');
    expect(session.expiresAt).toBe(new Date(START_MS + 3_600_000).toISOString());
    expect(session.scopes).toContain('data-api-chargers-read');
    expect(await store.load()).toEqual(session);
    expect(tokenRequests('authorization_code')).toBe(1);
    const [token] = server.requests.filter((r) => r.route === 'token');
    expect(token?.headers['user-agent']).toMatch(
      new RegExp(`^${APP_USER_AGENT} tibber-data/0\\.1\\.0 \\(node v20\\.`),
    );
    expect(token?.form?.['client_secret']).toBe(DEFAULT_MOCK_CLIENT.clientSecret);
    expect(token?.form?.['code_verifier']).toMatch(/^[\w-]{43}$/);
    expect(await manager.getAccessToken()).toBe(session.accessToken);
  });

  it('signs in again after a restart between the two steps, from persisted fields', async () => {
    const { manager, newManager, store } = await start();
    const { url, pending } = await manager.beginAuthorization();
    const persisted = JSON.parse(JSON.stringify(pendingAuthorizationFields(pending))) as unknown;

    const callback = await approve(url);
    const session = await newManager().completeAuthorization(
      callback,
      restorePendingAuthorization(persisted),
    );

    expect(await store.load()).toEqual(session);
  });
});

describe('sign-in callback checks (A12)', () => {
  async function refusal(
    edit: (callback: URL) => URL | string,
    options: { advanceMs?: number; completeTwice?: boolean } = {},
  ): Promise<{ error: unknown; tokenRequests: number }> {
    const harness = await start();
    const { manager } = harness;
    const { url, pending } = await manager.beginAuthorization();
    const callback = await approve(url);
    if (options.completeTwice === true) await manager.completeAuthorization(callback, pending);
    harness.advance(options.advanceMs ?? 0);
    const before = harness.tokenRequests();

    const error: unknown = await manager
      .completeAuthorization(edit(callback), pending)
      .then(() => undefined, (e: unknown) => e);
    return { error, tokenRequests: harness.tokenRequests() - before };
  }

  const without = (name: string) => (callback: URL): URL => {
    const edited = new URL(callback);
    edited.searchParams.delete(name);
    return edited;
  };
  const withParam = (name: string, value: string) => (callback: URL): URL => {
    const edited = new URL(callback);
    edited.searchParams.set(name, value);
    return edited;
  };

  it.each([
    ['a missing state', without('state'), {}, 'state_missing'],
    ['a wrong state', withParam('state', 'not-the-state'), {}, 'state_mismatch'],
    ['a replayed callback', (c: URL) => c, { completeTwice: true }, 'state_replayed'],
    ['an expired sign-in', (c: URL) => c, { advanceMs: 10 * 60_000 + 1 }, 'state_expired'],
    ['a missing code', without('code'), {}, 'code_missing'],
    ['an error instead of a code', withParam('error', 'access_denied'), {}, 'authorization_denied'],
    [
      'another redirect URI',
      (c: URL) => c.href.replace('/callback', '/elsewhere'),
      {},
      'redirect_mismatch',
    ],
  ] as const)('refuses %s before any token request', async (_name, edit, options, reason) => {
    const { error, tokenRequests } = await refusal(edit, options);

    expect(error).toBeInstanceOf(AuthorizationCallbackError);
    expect(error).toMatchObject({ code: 'authorization_callback', reason });
    expect(tokenRequests).toBe(0);
  });

  it('refuses a code the token endpoint rejects for a wrong PKCE verifier', async () => {
    const { manager, store, tokenRequests } = await start();
    const { url, pending } = await manager.beginAuthorization();
    const callback = await approve(url);
    const tampered = restorePendingAuthorization({
      ...pendingAuthorizationFields(pending),
      codeVerifier: 'x'.repeat(43),
    });

    const error: unknown = await manager.completeAuthorization(callback, tampered).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AuthorizationCallbackError);
    expect(error).toMatchObject({ reason: 'code_rejected' });
    expect((error as Error).message).toBe(
      'the token endpoint (code exchange) answered 400 invalid_grant: sign in again',
    );
    expect(tokenRequests('authorization_code')).toBe(1);
    expect(await store.load()).toBeUndefined();
  });
});
