import { describe, expect, it } from 'vitest';

import { TIBBER_SCOPES } from '../../../src/testing/server/index.js';
import { startHarness, useHarness } from './helpers.js';

const { start } = useHarness();

describe('OIDC discovery', () => {
  it('publishes the provider metadata with the server base URL as issuer', async () => {
    const { server } = await start();

    const response = await fetch(`${server.url}/.well-known/openid-configuration`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.issuer).toBe(server.url);
    expect(await response.json()).toEqual({
      issuer: server.url,
      authorization_endpoint: `${server.url}/connect/authorize`,
      token_endpoint: `${server.url}/connect/token`,
      userinfo_endpoint: `${server.url}/connect/userinfo`,
      jwks_uri: `${server.url}/.well-known/openid-configuration/jwks`,
      scopes_supported: [...TIBBER_SCOPES],
      claims_supported: ['sub', 'name', 'email'],
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
  });

  it('lists exactly the grantable scopes it was given', async () => {
    const harness = await start({ grantableScopes: ['openid', 'data-api-homes-read'] });

    const response = await fetch(harness.server.endpoints.discovery);

    const { scopes_supported: scopes } = (await response.json()) as { scopes_supported: string[] };
    expect(scopes).toEqual(['openid', 'data-api-homes-read']);
  });

  it('publishes one public RS256 signing key, without its private members', async () => {
    const harness = await start();

    const response = await fetch(harness.server.endpoints.jwks);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };

    expect(response.status).toBe(200);
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0] ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', e: 'AQAB' });
  });

  it('shares one key per process unless asked for a key of its own', async () => {
    const harness = await start();
    const shared = await startHarness();
    const isolated = await startHarness({ isolatedSigningKey: true });

    try {
      const kidOf = async (url: string): Promise<string | undefined> =>
        ((await (await fetch(url)).json()) as { keys: { kid: string }[] }).keys[0]?.kid;
      const first = await kidOf(harness.server.endpoints.jwks);
      expect(await kidOf(shared.server.endpoints.jwks)).toBe(first);
      expect(await kidOf(isolated.server.endpoints.jwks)).not.toBe(first);
    } finally {
      await shared.server.close();
      await isolated.server.close();
    }
  });
});
