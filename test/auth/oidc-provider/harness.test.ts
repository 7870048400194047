/**
 * Proves the harness with openid-client 6 itself, not with our session manager: if these pass,
 * a failure in the session manager's tests against this provider is the session manager's.
 */
import * as client from 'openid-client';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { OidcProviderHarness, OidcProviderOptions } from './harness.js';
import { DEFAULT_PROVIDER_SCOPES, OIDC_TEST_SUBJECT, startOidcProvider } from './harness.js';

const SCOPE = 'openid profile email offline_access data-api-homes-read';

const running: OidcProviderHarness[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(running.splice(0).map((harness) => harness.close()));
});

async function start(options?: OidcProviderOptions): Promise<OidcProviderHarness> {
  const harness = await startOidcProvider(options);
  running.push(harness);
  return harness;
}

function discover(
  harness: OidcProviderHarness,
  authenticate = client.ClientSecretPost(harness.client.clientSecret),
): Promise<client.Configuration> {
  const { issuer, client: registered } = harness;
  return client.discovery(new URL(issuer), registered.clientId, undefined, authenticate, {
    // The provider is plain http on loopback; openid-client marks this deprecated only so
    // that it stands out.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    execute: [client.allowInsecureRequests],
  });
}

interface Authorization {
  readonly url: URL;
  readonly checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string };
}

async function authorization(
  harness: OidcProviderHarness,
  config: client.Configuration,
  parameters: Record<string, string> = {},
): Promise<Authorization> {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const expectedState = client.randomState();
  const expectedNonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: harness.client.redirectUri,
    scope: SCOPE,
    prompt: 'consent',
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state: expectedState,
    nonce: expectedNonce,
    ...parameters,
  });
  return { url, checks: { pkceCodeVerifier, expectedState, expectedNonce } };
}

/** Authorization request, the user's approval and the code exchange. */
async function signIn(
  harness: OidcProviderHarness,
  config: client.Configuration,
  parameters?: Record<string, string>,
) {
  const { url, checks } = await authorization(harness, config, parameters);
  const callback = await harness.approve(url);
  return client.authorizationCodeGrant(config, callback, checks);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function expectInvalidGrant(promise: Promise<unknown>): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(client.ResponseBodyError);
  expect((error as client.ResponseBodyError).error).toBe('invalid_grant');
}

describe('startOidcProvider, driven by openid-client 6', () => {
  it('serves discovery for a code-only provider that requires S256', async () => {
    const harness = await start();
    expect(harness.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const metadata = (await discover(harness)).serverMetadata();

    expect(metadata.issuer).toBe(harness.issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.token_endpoint_auth_methods_supported).toContain('client_secret_post');
    expect(metadata.scopes_supported).toEqual([...DEFAULT_PROVIDER_SCOPES]);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 0, refresh_token: 0 });
  });

  it('redirects an approved request home with code, state and iss', async () => {
    const harness = await start();
    const config = await discover(harness);
    const { url, checks } = await authorization(harness, config);

    const callback = await harness.approve(url);

    expect(`${callback.origin}${callback.pathname}`).toBe(harness.client.redirectUri);
    expect(callback.searchParams.get('code')).toMatch(/^\S+$/);
    expect(callback.searchParams.get('state')).toBe(checks.expectedState);
    expect(callback.searchParams.get('iss')).toBe(harness.issuer);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 0, refresh_token: 0 });
  });

  it('exchanges the code for access, refresh and ID tokens of user-oidc-1', async () => {
    const harness = await start();
    const config = await discover(harness);

    const tokens = await signIn(harness, config);

    expect(tokens.access_token).toMatch(/^\S+$/);
    expect(tokens.refresh_token).toMatch(/^\S+$/);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBe(3600);
    expect(tokens.scope?.split(' ').sort()).toEqual(SCOPE.split(' ').sort());
    const claims = tokens.claims();
    expect(claims?.sub).toBe(OIDC_TEST_SUBJECT);
    expect(claims?.iss).toBe(harness.issuer);
    expect(claims?.aud).toBe(harness.client.clientId);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('rotates refresh tokens and rejects the old one with invalid_grant', async () => {
    const harness = await start();
    const config = await discover(harness);
    const first = await signIn(harness, config);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });

    const second = await client.refreshTokenGrant(config, first.refresh_token!);

    expect(second.refresh_token).toMatch(/^\S+$/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.claims()?.sub).toBe(OIDC_TEST_SUBJECT);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 1 });

    await expectInvalidGrant(client.refreshTokenGrant(config, first.refresh_token!));
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 2 });
  });

  it('revokes the whole grant when a rotated refresh token is replayed', async () => {
    const harness = await start();
    const config = await discover(harness);
    const first = await signIn(harness, config);
    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    await expectInvalidGrant(client.refreshTokenGrant(config, first.refresh_token!));

    // RFC 9700 section 4.14.2: the replay ends the chain, so the newest token is dead too.
    await expectInvalidGrant(client.refreshTokenGrant(config, second.refresh_token!));
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 3 });
  });

  it('returns the same refresh token again when rotation is off', async () => {
    const harness = await start({ rotateRefreshTokens: false });
    const config = await discover(harness);
    const first = await signIn(harness, config);

    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    const third = await client.refreshTokenGrant(config, first.refresh_token!);

    expect(second.refresh_token).toBe(first.refresh_token);
    expect(third.refresh_token).toBe(first.refresh_token);
    expect(third.access_token).not.toBe(second.access_token);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 2 });
  });

  it('drops offline_access, so issues no refresh token, without prompt=consent', async () => {
    const harness = await start();
    const config = await discover(harness);
    const { url, checks } = await authorization(harness, config);
    url.searchParams.delete('prompt');

    const tokens = await client.authorizationCodeGrant(config, await harness.approve(url), checks);

    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope?.split(' ')).not.toContain('offline_access');
    expect(tokens.claims()?.sub).toBe(OIDC_TEST_SUBJECT);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('answers a request without PKCE with invalid_request at the redirect URI', async () => {
    const harness = await start();
    const config = await discover(harness);
    const { url } = await authorization(harness, config);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');

    const callback = await harness.approve(url);

    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('code')).toBeNull();
    expect(harness.tokenRequests()).toEqual({ authorization_code: 0, refresh_token: 0 });
  });

  it('rejects a code exchange with a wrong PKCE verifier with invalid_grant', async () => {
    const harness = await start();
    const config = await discover(harness);
    const { url, checks } = await authorization(harness, config);
    const callback = await harness.approve(url);

    await expectInvalidGrant(
      client.authorizationCodeGrant(config, callback, {
        ...checks,
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
      }),
    );
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('matches the redirect URI exactly: approve() throws at the error page', async () => {
    const harness = await start();
    const config = await discover(harness);
    const { url } = await authorization(harness, config, {
      redirect_uri: `${harness.client.redirectUri}/`,
    });

    const error = await rejection(harness.approve(url));

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/answered 400: .*redirect_uri/);
  });

  it('rejects a wrong client secret with invalid_client, leaving the code usable', async () => {
    const harness = await start();
    const config = await discover(harness);
    const wrong = await discover(harness, client.ClientSecretPost('not-the-secret'));
    const { url, checks } = await authorization(harness, config);
    const callback = await harness.approve(url);

    const error = await rejection(client.authorizationCodeGrant(wrong, callback, checks));

    expect(error).toBeInstanceOf(client.ResponseBodyError);
    expect((error as client.ResponseBodyError).error).toBe('invalid_client');
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
    // Client authentication comes before the code is looked up, so the code is still good.
    const tokens = await client.authorizationCodeGrant(config, callback, checks);
    expect(tokens.claims()?.sub).toBe(OIDC_TEST_SUBJECT);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 2, refresh_token: 0 });
  });

  it('accepts client_secret_basic too: oidc-provider 9 does not tell it from post', async () => {
    const harness = await start();
    const basic = await discover(harness, client.ClientSecretBasic(harness.client.clientSecret));

    const tokens = await signIn(harness, basic);

    expect(tokens.claims()?.sub).toBe(OIDC_TEST_SUBJECT);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('applies accessTokenTtlSeconds and grants only the configured scopes', async () => {
    const harness = await start({
      accessTokenTtlSeconds: 120,
      scopes: ['openid', 'offline_access', 'data-api-homes-read'],
    });
    const config = await discover(harness);
    expect(config.serverMetadata().scopes_supported).toEqual([
      'openid',
      'offline_access',
      'data-api-homes-read',
    ]);

    const tokens = await signIn(harness, config);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);

    expect(tokens.expires_in).toBe(120);
    expect(refreshed.expires_in).toBe(120);
    expect(tokens.scope?.split(' ').sort()).toEqual([
      'data-api-homes-read',
      'offline_access',
      'openid',
    ]);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 1 });
  });

  it('serves userinfo for the access token until accessTokenTtlSeconds have passed', async () => {
    // Only Date is faked: sockets and their timers stay real, and nothing waits.
    vi.useFakeTimers({ toFake: ['Date'] });
    const harness = await start({ accessTokenTtlSeconds: 60 });
    const config = await discover(harness);
    const tokens = await signIn(harness, config);

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, OIDC_TEST_SUBJECT);
    expect(userinfo).toMatchObject({ sub: OIDC_TEST_SUBJECT, email: 'user-oidc-1@example.test' });

    // The clock is frozen, so this is exactly the token's lifetime: no clock tolerance.
    vi.setSystemTime(Date.now() + 60_000);
    const error = await rejection(
      client.fetchUserInfo(config, tokens.access_token, OIDC_TEST_SUBJECT),
    );
    expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
    expect((error as client.WWWAuthenticateChallengeError).cause[0]?.parameters.error).toBe(
      'invalid_token',
    );

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    const again = await client.fetchUserInfo(config, refreshed.access_token, OIDC_TEST_SUBJECT);
    expect(again.sub).toBe(OIDC_TEST_SUBJECT);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 1 });
  });

  it('approves again for a second sign-in, with a separate grant', async () => {
    const harness = await start();
    const config = await discover(harness);
    const first = await signIn(harness, config);
    const second = await signIn(harness, config);

    expect(second.refresh_token).not.toBe(first.refresh_token);
    await client.refreshTokenGrant(config, first.refresh_token!);
    await client.refreshTokenGrant(config, second.refresh_token!);
    expect(harness.tokenRequests()).toEqual({ authorization_code: 2, refresh_token: 2 });
  });

  it('closes idempotently, refusing connections afterwards', async () => {
    const harness = await start();
    const discovery = `${harness.issuer}/.well-known/openid-configuration`;
    expect((await fetch(discovery)).status).toBe(200);

    await harness.close();
    await harness.close();

    await expect(fetch(discovery)).rejects.toThrow(TypeError);
  });
});
