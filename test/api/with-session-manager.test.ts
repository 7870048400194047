import { describe, expect, it } from 'vitest';

import { TibberDataClient } from '../../src/api/tibber-data-client.js';
import { ReauthorizationRequiredError } from '../../src/shared/errors.js';
import { useAuthHarness } from '../auth/harness.js';

const start = useAuthHarness();

async function clientWithManager() {
  const harness = await start();
  await harness.signIn();
  const client = new TibberDataClient({
    auth: harness.manager,
    userAgent: 'ClientTests/1.0.0',
    baseUrl: harness.server.endpoints.dataApi,
    clock: harness.clock,
    scheduler: harness.clock,
  });
  return { ...harness, client };
}

describe('the client with OAuthSessionManager (A9)', () => {
  it('answers a 401 with one forced refresh and one replay', async () => {
    const { client, server, tokenRequests, store } = await clientWithManager();
    server.faults.add({ route: 'homes', fault: { kind: 'status', status: 401 } });

    await client.getHomes();

    expect(tokenRequests('refresh_token')).toBe(1);
    expect(server.countRequests('homes')).toBe(2);
    const token = (await store.load())?.accessToken;
    expect(server.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${token}`);
  });

  it('asks for a sign-in, once, when the fresh token is refused as well', async () => {
    const { client, server, tokenRequests, reauthEvents } = await clientWithManager();
    server.faults.add({ route: 'homes', times: 2, fault: { kind: 'status', status: 401 } });

    await expect(client.getHomes()).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    await expect(client.getHomes()).rejects.toBeInstanceOf(ReauthorizationRequiredError);

    expect(tokenRequests('refresh_token')).toBe(1);
    expect(server.countRequests('homes')).toBe(2);
    expect(reauthEvents.map((e) => e.reason)).toEqual(['unauthorized_after_refresh']);
  });

  it('puts no token in any error it raises', async () => {
    const { client, server, store } = await clientWithManager();
    const token = (await store.load())?.accessToken ?? '';
    const errors: unknown[] = [];
    for (const status of [400, 403, 404, 500]) {
      server.faults.add({ route: 'homes', times: 5, fault: { kind: 'status', status } });
      errors.push(await client.getHomes().catch((e: unknown) => e));
    }

    const rendered = errors.map((e) => `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack}`);
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    expect(rendered.join('\n')).not.toContain(token);
  });
});
