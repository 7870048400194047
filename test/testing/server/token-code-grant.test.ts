import { describe, expect, it } from 'vitest';

import {
  CLIENT,
  CLOCK_START_MS,
  REDIRECT_URI,
  authorizeRedirect,
  authorizeUrl,
  codeForm,
  getData,
  login,
  pkcePair,
  postToken,
  refreshForm,
  tokenBody,
  useHarness,
} from './helpers.js';
import { USER } from './fixture.js';
import { verifyJwt } from './jwt-verify.js';

const { start, current } = useHarness();

async function authorizedCode(
  overrides: Record<string, string | undefined> = {},
): Promise<{ code: string; verifier: string }> {
  const { verifier, challenge } = pkcePair();
  const location = await authorizeRedirect(authorizeUrl(current().server, challenge, overrides));
  return { code: location.searchParams.get('code') ?? '', verifier };
}

async function expectOAuthError(
  response: Response,
  status: number,
  error: string,
  description: string,
): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(await response.json()).toEqual({ error, error_description: description });
}

describe('POST /connect/token, authorization_code', () => {
  it('issues access, refresh and ID tokens for a valid code and verifier', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode();

    const response = await postToken(server, codeForm(code, verifier));
    const body = await tokenBody(response);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(Object.keys(body).sort()).toEqual(
      ['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type'],
    );
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile email offline_access data-api-homes-read data-api-vehicles-read',
    });
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs the ID token with RS256 under a published key, with the nonce', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode({ nonce: 'nonce-42' });

    const body = await tokenBody(await postToken(server, codeForm(code, verifier)));
    const { header, claims } = await verifyJwt(server.endpoints.jwks, body.id_token ?? '');

    const iat = CLOCK_START_MS / 1000;
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(claims).toEqual({
      iss: server.issuer,
      aud: CLIENT.clientId,
      sub: USER.sub,
      iat,
      exp: iat + 3600,
      auth_time: iat,
      nonce: 'nonce-42',
    });
  });

  it('leaves the nonce out of the ID token when none was sent', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode();

    const body = await tokenBody(await postToken(server, codeForm(code, verifier)));
    const { claims } = await verifyJwt(server.endpoints.jwks, body.id_token ?? '');

    expect(claims).not.toHaveProperty('nonce');
  });

  it('issues a JWT access token whose claims name the grant', async () => {
    const { server } = await start();
    const { accessToken } = await login(server);

    const { claims } = await verifyJwt(server.endpoints.jwks, accessToken);

    expect(claims).toMatchObject({
      iss: server.issuer,
      sub: USER.sub,
      client_id: CLIENT.clientId,
      exp: CLOCK_START_MS / 1000 + 3600,
    });
  });

  it('grants requested scopes only as far as they are grantable', async () => {
    const { server } = await start({
      grantableScopes: ['openid', 'data-api-homes-read', 'data-api-chargers-read'],
    });
    const { code, verifier } = await authorizedCode({
      scope: 'openid offline_access data-api-homes-read data-api-vehicles-read made-up',
    });

    const body = await tokenBody(await postToken(server, codeForm(code, verifier)));

    expect(body.scope).toBe('openid data-api-homes-read');
    expect(body).not.toHaveProperty('refresh_token');
  });

  it('issues no ID token without openid', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode({ scope: 'data-api-homes-read' });

    const body = await tokenBody(await postToken(server, codeForm(code, verifier)));

    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
  });

  it('refuses a wrong code_verifier, and the code is used up by the attempt', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode();

    const wrong = await postToken(server, codeForm(code, pkcePair().verifier));
    await expectOAuthError(
      wrong, 400, 'invalid_grant', 'code_verifier does not match the code_challenge.',
    );
    const retried = await postToken(server, codeForm(code, verifier));
    await expectOAuthError(
      retried, 400, 'invalid_grant', 'The authorization code was already used.',
    );
  });

  it('refuses a missing code_verifier', async () => {
    const { server } = await start();
    const { code } = await authorizedCode();
    const form = codeForm(code, '');
    delete form['code_verifier'];

    const response = await postToken(server, form);

    await expectOAuthError(
      response, 400, 'invalid_grant', 'code_verifier does not match the code_challenge.',
    );
  });

  it('refuses a redirect_uri other than the one authorized', async () => {
    const { server } = await start({
      clients: [{ ...CLIENT, redirectUris: [REDIRECT_URI, 'http://localhost:8765/callback'] }],
    });
    const { code, verifier } = await authorizedCode();

    const response = await postToken(server, {
      ...codeForm(code, verifier),
      redirect_uri: 'http://localhost:8765/callback',
    });

    await expectOAuthError(
      response, 400, 'invalid_grant', 'redirect_uri differs from the authorization request.',
    );
  });

  it('refuses a reused code and revokes everything it issued', async () => {
    const { server } = await start();
    const first = await login(server);

    const replay = await postToken(server, codeForm(first.code, first.verifier));
    await expectOAuthError(
      replay, 400, 'invalid_grant', 'The authorization code was already used.',
    );

    expect((await getData(server, '/v1/homes', first.accessToken)).status).toBe(401);
    const refresh = await postToken(server, refreshForm(first.refreshToken));
    await expectOAuthError(refresh, 400, 'invalid_grant', 'The refresh token was revoked.');
  });

  it('refuses a code after its 60 seconds on the server clock', async () => {
    const { server, clock } = await start();
    const { code, verifier } = await authorizedCode();

    clock.advance(60_000);
    const response = await postToken(server, codeForm(code, verifier));

    await expectOAuthError(
      response, 400, 'invalid_grant', 'The authorization code has expired.',
    );
  });

  it('accepts a code just inside its 60 seconds', async () => {
    const { server, clock } = await start();
    const { code, verifier } = await authorizedCode();

    clock.advance(59_999);

    expect((await postToken(server, codeForm(code, verifier))).status).toBe(200);
  });

  it('refuses an unknown code, and a code issued to another client', async () => {
    const other = { clientId: 'other', clientSecret: 'other-secret', redirectUris: [REDIRECT_URI] };
    const { server } = await start({ clients: [CLIENT, other] });
    const { code, verifier } = await authorizedCode();

    const unknown = await postToken(server, codeForm('no-such-code', verifier));
    await expectOAuthError(unknown, 400, 'invalid_grant', 'Invalid authorization code.');
    const stolen = await postToken(server, {
      ...codeForm(code, verifier),
      client_id: other.clientId,
      client_secret: other.clientSecret,
    });
    await expectOAuthError(stolen, 400, 'invalid_grant', 'Invalid authorization code.');
    // The owner's code survives a foreign client's attempt.
    expect((await postToken(server, codeForm(code, verifier))).status).toBe(200);
  });

  it.each([
    ['a wrong secret', { client_secret: 'wrong' }],
    ['an unknown client', { client_id: 'nobody' }],
    ['no secret', { client_secret: undefined }],
  ])('answers %s with 401 invalid_client', async (_name, overrides) => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode();
    const form: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...codeForm(code, verifier), ...overrides })) {
      if (value !== undefined) form[key] = value;
    }

    const response = await postToken(server, form);

    await expectOAuthError(
      response, 401, 'invalid_client', 'Unknown client or wrong client_secret.',
    );
  });

  it('takes no client secret from a Basic Authorization header', async () => {
    const { server } = await start();
    const { code, verifier } = await authorizedCode();
    const form = codeForm(code, verifier);
    delete form['client_secret'];
    const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');

    const response = await fetch(server.endpoints.token, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${basic}`,
      },
      body: new URLSearchParams(form).toString(),
    });

    expect(response.status).toBe(401);
  });

  it('accepts form-encoded bodies only', async () => {
    const { server } = await start();

    const response = await fetch(server.endpoints.token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });

    await expectOAuthError(
      response, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.',
    );
  });

  it('answers an unknown grant type with unsupported_grant_type', async () => {
    const { server } = await start();

    const response = await postToken(server, {
      grant_type: 'password',
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });

    await expectOAuthError(
      response, 400, 'unsupported_grant_type', 'Unsupported grant password.',
    );
  });

  it('answers a missing grant type with invalid_request', async () => {
    const { server } = await start();

    const response = await postToken(server, {
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });

    await expectOAuthError(response, 400, 'invalid_request', 'grant_type is required.');
  });

  it('answers only POST', async () => {
    const { server } = await start();

    const response = await fetch(server.endpoints.token);

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
