import { describe, expect, it } from 'vitest';

import { CLIENT, getData, login, postToken, refreshForm, useHarness } from './helpers.js';

const DAY_MS = 86_400_000;

const { start, current } = useHarness();

async function refresh(
  refreshToken: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await postToken(current().server, refreshForm(refreshToken));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const invalidGrant = (description: string): object => ({
  error: 'invalid_grant',
  error_description: description,
});

describe('POST /connect/token, refresh_token', () => {
  it('rotates: each refresh returns a new refresh token and a working access token', async () => {
    const { server } = await start();
    const first = await login(server);

    const { status, body } = await refresh(first.refreshToken);

    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires_in', 'refresh_token', 'scope', 'token_type'],
    );
    expect(body['refresh_token']).not.toBe(first.refreshToken);
    expect(body['access_token']).not.toBe(first.accessToken);
    expect(body['scope']).toBe(first.body['scope']);
    expect((await getData(server, '/v1/homes', String(body['access_token']))).status).toBe(200);
    // Access tokens issued before live on until they expire.
    expect((await getData(server, '/v1/homes', first.accessToken)).status).toBe(200);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const { server } = await start();
    const first = await login(server);
    const second = String((await refresh(first.refreshToken)).body['refresh_token']);
    const third = String((await refresh(second)).body['refresh_token']);

    const replay = await refresh(first.refreshToken);
    expect(replay).toEqual({
      status: 400,
      body: invalidGrant('The refresh token was already used; its grant is revoked.'),
    });

    expect(await refresh(third)).toEqual({
      status: 400,
      body: invalidGrant('The refresh token was revoked.'),
    });
    // Once the family is revoked, revocation is all any member of it reports.
    expect(await refresh(second)).toEqual({
      status: 400,
      body: invalidGrant('The refresh token was revoked.'),
    });
  });

  it('leaves other families alone when one is revoked', async () => {
    const { server } = await start();
    const victim = await login(server);
    const bystander = await login(server);
    await refresh(victim.refreshToken);

    await refresh(victim.refreshToken);

    expect((await refresh(bystander.refreshToken)).status).toBe(200);
  });

  it('omits refresh_token and keeps the old one valid when rotation is off', async () => {
    const { server } = await start({ rotateRefreshTokens: false });
    const first = await login(server);

    const once = await refresh(first.refreshToken);
    const twice = await refresh(first.refreshToken);

    expect(once.status).toBe(200);
    expect(once.body).not.toHaveProperty('refresh_token');
    expect(twice.status).toBe(200);
  });

  it('expires a refresh token 30 days after its issue, on the server clock', async () => {
    const { server, clock } = await start();
    const first = await login(server);
    const second = await login(server);

    clock.advance(30 * DAY_MS - 1);
    expect((await refresh(first.refreshToken)).status).toBe(200);
    clock.advance(1);

    expect(await refresh(second.refreshToken)).toEqual({
      status: 400,
      body: invalidGrant('The refresh token has expired.'),
    });
  });

  it('gives each rotated refresh token 30 days of its own', async () => {
    const { server, clock } = await start();
    const first = await login(server);
    clock.advance(20 * DAY_MS);
    const second = String((await refresh(first.refreshToken)).body['refresh_token']);

    clock.advance(20 * DAY_MS);

    expect((await refresh(second)).status).toBe(200);
  });

  it('honours a configured refresh lifetime', async () => {
    const { server, clock } = await start({ refreshTokenTtlDays: 1 });
    const first = await login(server);

    clock.advance(DAY_MS);

    expect((await refresh(first.refreshToken)).status).toBe(400);
  });

  it('refuses an unknown refresh token, and another client presenting one', async () => {
    const other = { clientId: 'other', clientSecret: 's2', redirectUris: ['http://x.test/cb'] };
    const { server } = await start({
      clients: [CLIENT, other],
    });
    const first = await login(server);

    expect(await refresh('not-a-token')).toEqual({
      status: 400,
      body: invalidGrant('Invalid refresh token.'),
    });
    const stolen = await postToken(server, {
      ...refreshForm(first.refreshToken),
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    expect(stolen.status).toBe(400);
    expect((await refresh(first.refreshToken)).status).toBe(200);
  });

  it('refuses a refresh without refresh_token', async () => {
    const { server } = await start();
    const form = refreshForm('x');
    delete form['refresh_token'];

    const response = await postToken(server, form);

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_request',
      error_description: 'refresh_token is required.',
    });
  });
});

describe('access token lifetime', () => {
  it('expires access tokens after 3600 s of server time, not host time', async () => {
    const { server, clock } = await start();
    const { accessToken } = await login(server);

    clock.advance(3_599_999);
    expect((await getData(server, '/v1/homes', accessToken)).status).toBe(200);
    clock.advance(1);
    const expired = await getData(server, '/v1/homes', accessToken);

    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The access token has expired."',
    );
  });

  it('honours a configured access lifetime in expires_in and on the wire', async () => {
    const { server, clock } = await start({ accessTokenTtlSeconds: 60 });
    const first = await login(server);

    clock.advance(60_000);

    expect(first.body['expires_in']).toBe(60);
    expect((await getData(server, '/v1/homes', first.accessToken)).status).toBe(401);
  });
});

describe('admin helpers', () => {
  it('expires every access token at once, or one', async () => {
    const { server } = await start();
    const a = await login(server);
    const b = await login(server);
    const c = await login(server);

    expect(server.expireAccessTokens(a.accessToken)).toBe(1);
    expect((await getData(server, '/v1/homes', a.accessToken)).status).toBe(401);
    expect((await getData(server, '/v1/homes', b.accessToken)).status).toBe(200);
    expect(server.expireAccessTokens()).toBe(2);
    expect((await getData(server, '/v1/homes', c.accessToken)).status).toBe(401);
    // Refresh tokens are untouched: a client recovers by refreshing.
    expect((await refresh(c.refreshToken)).status).toBe(200);
  });

  it('revokes every grant with revokeAll', async () => {
    const { server } = await start();
    const first = await login(server);

    server.revokeAll();

    const homes = await getData(server, '/v1/homes', first.accessToken);
    expect(homes.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The access token was revoked."',
    );
    expect(await refresh(first.refreshToken)).toEqual({
      status: 400,
      body: invalidGrant('The refresh token was revoked.'),
    });
  });

  it('revokes refresh tokens only, as deleting a client does', async () => {
    const { server } = await start();
    const first = await login(server);

    server.revokeRefreshTokens();

    expect((await getData(server, '/v1/homes', first.accessToken)).status).toBe(200);
    expect((await refresh(first.refreshToken)).status).toBe(400);
  });

  it('mints a working token pair without the browser flow', async () => {
    const { server, clock } = await start();

    const issued = server.issueTokens();

    expect(issued.scopes).toContain('offline_access');
    expect(issued.expiresAtMs).toBe(clock.now() + 3_600_000);
    expect(issued.idToken).toEqual(expect.any(String));
    expect((await getData(server, '/v1/homes', issued.accessToken)).status).toBe(200);
    expect((await refresh(issued.refreshToken ?? '')).status).toBe(200);
  });

  it('mints exactly the scopes asked for', async () => {
    const { server } = await start();

    const issued = server.issueTokens({ scopes: ['data-api-homes-read'] });

    expect(issued.scopes).toEqual(['data-api-homes-read']);
    expect(issued.refreshToken).toBeUndefined();
    expect(issued.idToken).toBeUndefined();
  });

  it('refuses to mint for an unregistered client', async () => {
    const { server } = await start();

    expect(() => server.issueTokens({ clientId: 'nobody' })).toThrow(
      new RangeError('client nobody is not registered'),
    );
  });
});
