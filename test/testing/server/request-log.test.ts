import { describe, expect, it } from 'vitest';

import { fixtureScenario } from './fixture.js';
import {
  CLIENT,
  CLOCK_START_MS,
  USER_AGENT,
  getData,
  login,
  postToken,
  problemDetail,
  refreshForm,
  useHarness,
} from './helpers.js';

const { start } = useHarness();

describe('request log', () => {
  it('records each request with its route, time, form and status', async () => {
    const { server, clock } = await start();
    const first = await login(server, { state: 'abc' });
    clock.advance(1_000);
    await postToken(server, refreshForm(first.refreshToken));
    clock.advance(1_000);
    await getData(server, '/v1/homes?x=1', first.accessToken);

    const [authorize, code, refresh, homes] = server.requests;

    expect(server.requests).toHaveLength(4);
    expect(authorize).toMatchObject({
      method: 'GET',
      path: '/connect/authorize',
      route: 'authorize',
      atMs: CLOCK_START_MS,
      status: 302,
      fault: undefined,
    });
    expect(authorize?.query['state']).toBe('abc');
    expect(authorize).not.toHaveProperty('form');
    expect(code).toMatchObject({ method: 'POST', path: '/connect/token', status: 200 });
    expect(refresh).toMatchObject({
      route: 'token',
      atMs: CLOCK_START_MS + 1_000,
      query: {},
      form: refreshForm(first.refreshToken),
    });
    expect(refresh?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(refresh?.headers['user-agent']).toBe(USER_AGENT);
    expect(homes).toMatchObject({
      path: '/v1/homes',
      query: { x: '1' },
      route: 'homes',
      atMs: CLOCK_START_MS + 2_000,
      status: 200,
    });
    expect(homes?.headers['authorization']).toBe(`Bearer ${first.accessToken}`);
  });

  it('counts requests per route and in total, and clears', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();
    await getData(server, '/v1/homes', accessToken);
    await getData(server, '/v1/homes', accessToken);
    await getData(server, '/nowhere', accessToken);
    await postToken(server, { client_id: CLIENT.clientId });

    expect(server.countRequests('homes')).toBe(2);
    expect(server.countRequests('unknown')).toBe(1);
    expect(server.countRequests('token')).toBe(1);
    expect(server.countRequests('history')).toBe(0);
    expect(server.countRequests()).toBe(4);
    expect(server.requests.map((r) => r.status)).toEqual([200, 200, 404, 401]);

    server.clearRequests();

    expect(server.requests).toEqual([]);
    expect(server.countRequests()).toBe(0);
  });

  it('resolves a wait for the nth request of a route once it arrives', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();
    const second = server.waitForRequest('homes', 2);

    await getData(server, '/v1/homes?n=1', accessToken);
    await getData(server, '/nowhere', accessToken);
    await getData(server, '/v1/homes?n=2', accessToken);

    expect((await second).query).toEqual({ n: '2' });
    expect((await server.waitForRequest('homes', 1)).query).toEqual({ n: '1' });
  });

  it('records a failing scenario as a 500 and reports it to the logger', async () => {
    const logged: string[] = [];
    const { server } = await start({
      scenario: fixtureScenario({
        onDevice: () => {
          throw new Error('scenario bug');
        },
      }),
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (message, context) => logged.push(`${message} ${JSON.stringify(context)}`),
      },
    });
    const path = '/v1/homes/x/devices/y';

    const response = await getData(server, path, server.issueTokens().accessToken);

    expect(response.status).toBe(500);
    expect(await problemDetail(response)).toBe("The mock's scenario failed: scenario bug");
    expect(logged).toEqual([
      'mock Tibber server handler failed {"route":"device","message":"scenario bug"}',
    ]);
    expect(server.requests[0]?.status).toBe(500);
  });
});
