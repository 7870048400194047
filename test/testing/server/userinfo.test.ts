import { describe, expect, it } from 'vitest';

import { USER } from './fixture.js';
import { useHarness } from './helpers.js';

const { start, current } = useHarness();

async function userinfo(accessToken: string | undefined): Promise<Response> {
  const headers: Record<string, string> =
    accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` };
  return fetch(current().server.endpoints.userinfo, { headers });
}

describe('GET /connect/userinfo', () => {
  it('names the user behind the token', async () => {
    const harness = await start();
    const { accessToken } = harness.server.issueTokens();

    const response = await userinfo(accessToken);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(USER);
  });

  it('gives only the claims the scopes allow', async () => {
    const harness = await start();
    const { accessToken } = harness.server.issueTokens({ scopes: ['openid', 'email'] });

    const response = await userinfo(accessToken);

    expect(await response.json()).toEqual({ sub: USER.sub, email: USER.email });
  });

  it('refuses a token without openid', async () => {
    const harness = await start();
    const { accessToken } = harness.server.issueTokens({ scopes: ['data-api-homes-read'] });

    const response = await userinfo(accessToken);

    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="openid"',
    );
  });

  it('answers an unknown token with 401 invalid_token and an empty body', async () => {
    await start();

    const response = await userinfo('garbage');

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The access token is not recognised."',
    );
    expect(await response.text()).toBe('');
  });

  it('answers a missing token with a bare Bearer challenge', async () => {
    await start();

    const response = await userinfo(undefined);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});
