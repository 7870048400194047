import { describe, expect, it } from 'vitest';

import { MemoryTokenStore } from '../../src/auth/memory-token-store.js';
import { OAuthSessionManager } from '../../src/auth/session-manager.js';
import { ConfigurationError, ServerError } from '../../src/shared/errors.js';
import { REDIRECT_URI, useAuthHarness } from './harness.js';

const start = useAuthHarness();

function managerFor(overrides: Record<string, unknown>): () => OAuthSessionManager {
  return () =>
    new OAuthSessionManager({
      clientId: 'client',
      clientSecret: 'secret',
      redirectUri: REDIRECT_URI,
      store: new MemoryTokenStore(),
      userAgent: 'ConfigTests/1.0.0',
      ...overrides,
    });
}

describe('session manager configuration', () => {
  it('defaults to Tibber over https, and refuses plain http anywhere but loopback', () => {
    expect(managerFor({})).not.toThrow();
    expect(managerFor({ issuer: 'http://127.0.0.1:4000' })).not.toThrow();
    expect(managerFor({ issuer: 'http://localhost:4000' })).not.toThrow();
    expect(managerFor({ issuer: 'http://thewall.tibber.com' })).toThrow(ConfigurationError);
    expect(managerFor({ issuer: 'http://192.168.1.10' })).toThrow(
      new ConfigurationError(
        'http://192.168.1.10 is not https: tokens and the client secret go only to https, or ' +
          'to plain http on loopback for tests',
      ),
    );
    expect(
      managerFor({
        endpoints: { authorization: 'https://a.example/auth', token: 'http://a.example/token' },
      }),
    ).toThrow(ConfigurationError);
  });

  it.each([
    [{ userAgent: undefined }, ConfigurationError],
    [{ userAgent: 'no-version' }, ConfigurationError],
    [{ scopes: ['openid', 'data-api-homes-read'] }, ConfigurationError],
    [{ clientSecret: '' }, TypeError],
    [{ redirectUri: 'not a url' }, TypeError],
    [{ refreshAhead: -1 }, TypeError],
  ])('refuses %j', (overrides, errorClass) => {
    expect(managerFor(overrides)).toThrow(errorClass);
  });

  it('takes explicit endpoints without reading a discovery document', async () => {
    const harness = await start();
    const { server } = harness;
    const manager = harness.newManager({
      endpoints: { authorization: server.endpoints.authorization, token: server.endpoints.token },
    });

    await harness.signIn(manager);

    expect(server.countRequests('discovery')).toBe(0);
  });

  it('reads discovery once, and again after a failed attempt', async () => {
    const { manager, server, signIn } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'status', status: 503 } });

    await expect(manager.beginAuthorization()).rejects.toBeInstanceOf(ServerError);
    await signIn();
    await manager.beginAuthorization();

    expect(server.countRequests('discovery')).toBe(2);
  });

  it('calls a missing discovery document a configuration error', async () => {
    const { server, newManager } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'status', status: 404 } });

    await expect(newManager().beginAuthorization()).rejects.toBeInstanceOf(ConfigurationError);
    expect(server.countRequests('discovery')).toBe(1);
  });
});
