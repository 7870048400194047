import { describe, expect, it } from 'vitest';

import type { WireDeviceDetail } from '../../../src/testing/scenario/source.js';
import { CABIN_ID, VEHICLE_ID, stateOfChargeAt } from './fixture.js';
import { getData, login, postToken, refreshForm, useHarness } from './helpers.js';

const { start } = useHarness();

const VEHICLE_PATH = `/v1/homes/${CABIN_ID}/devices/${VEHICLE_ID}`;

/** The undici error code behind a rejected fetch, e.g. ECONNRESET. */
async function failureOf(pending: Promise<unknown>): Promise<string> {
  try {
    await pending;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return `${(error as Error).name}: ${cause?.code ?? 'no code'}`;
  }
  return 'no failure';
}

describe('latency', () => {
  it('waits on the injected scheduler, then answers with the time after the delay', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens();
    server.faults.add({ route: 'device', fault: { kind: 'latency', delayMs: 600_000 } });
    const startMs = clock.now();

    const pending = getData(server, VEHICLE_PATH, accessToken);
    await server.waitForRequest('device');
    expect(clock.pendingDelaysMs()).toEqual([600_000]);
    clock.advance(599_999);
    expect(server.requests[0]?.status).toBeUndefined();
    clock.advance(1);
    const response = await pending;

    expect(response.status).toBe(200);
    const detail = (await response.json()) as WireDeviceDetail;
    expect(detail.capabilities[0]?.['value']).toBe(stateOfChargeAt(startMs) + 1);
    expect(server.requests[0]).toMatchObject({ atMs: startMs, status: 200, fault: 'latency' });
  });

  it('gives up a pending delay when the server closes', async () => {
    const { server, clock } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'latency', delayMs: 5_000 } });

    const pending = fetch(server.endpoints.discovery);
    await server.waitForRequest('discovery');
    await server.close();

    expect(await failureOf(pending)).toMatch(/^TypeError/);
    expect(clock.pendingDelaysMs()).toEqual([]);
  });

  it('survives a client that aborts during the delay', async () => {
    const { server, clock } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'latency', delayMs: 5_000 } });
    const controller = new AbortController();

    const pending = fetch(server.endpoints.discovery, { signal: controller.signal });
    await server.waitForRequest('discovery');
    controller.abort();
    expect(await failureOf(pending)).toBe('AbortError: no code');
    clock.advance(5_000);

    expect((await fetch(server.endpoints.discovery)).status).toBe(200);
  });
});

describe('hang', () => {
  it('never answers until the client aborts', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens();
    server.faults.add({ route: 'homes', fault: { kind: 'hang' } });
    const controller = new AbortController();

    const pending = getData(server, '/v1/homes', accessToken, { signal: controller.signal });
    await server.waitForRequest('homes');
    clock.advance(60_000);
    controller.abort();

    expect(await failureOf(pending)).toBe('AbortError: no code');
    expect(server.requests[0]).toMatchObject({ status: undefined, fault: 'hang' });
    expect((await getData(server, '/v1/homes', accessToken)).status).toBe(200);
  });

  it('ends when the server closes', async () => {
    const { server } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'hang' } });

    const pending = fetch(server.endpoints.discovery);
    await server.waitForRequest('discovery');
    await server.close();

    expect(await failureOf(pending)).toMatch(/^TypeError/);
  });
});

describe('connection resets', () => {
  it('resets the connection before any response', async () => {
    const { server } = await start();
    server.faults.add({ route: 'discovery', fault: { kind: 'reset' } });

    const failure = await failureOf(fetch(server.endpoints.discovery));

    expect(failure).toBe('TypeError: ECONNRESET');
    expect(server.requests[0]).toMatchObject({ status: undefined, fault: 'reset' });
    expect((await fetch(server.endpoints.discovery)).status).toBe(200);
  });

  it('does not consume a refresh token when the token route resets', async () => {
    const { server } = await start();
    const first = await login(server);
    server.faults.add({ route: 'token', fault: { kind: 'reset' } });

    await failureOf(postToken(server, refreshForm(first.refreshToken)));

    expect((await postToken(server, refreshForm(first.refreshToken))).status).toBe(200);
  });

  it('sends headers and part of the body, then closes', async () => {
    const { server } = await start();
    const whole = await (await fetch(server.endpoints.discovery)).text();
    server.faults.add({ route: 'discovery', fault: { kind: 'resetMidBody' } });

    const response = await fetch(server.endpoints.discovery);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(whole)));
    expect(await failureOf(response.text())).toMatch(/^TypeError/);
    expect(server.requests[1]).toMatchObject({ status: 200, fault: 'resetMidBody' });
  });

  it('rotates the refresh token even when the response is cut', async () => {
    const { server } = await start();
    const first = await login(server);
    server.faults.add({ route: 'token', fault: { kind: 'resetMidBody', keepBytes: 10 } });

    const cut = await postToken(server, refreshForm(first.refreshToken));
    await failureOf(cut.text());
    const replay = await postToken(server, refreshForm(first.refreshToken));

    expect(replay.status).toBe(400);
  });
});
