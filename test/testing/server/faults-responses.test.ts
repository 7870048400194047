import { describe, expect, it } from 'vitest';

import { CABIN_ID, VEHICLE_ID, vehicleDetail } from './fixture.js';
import { getData, login, postToken, refreshForm, tokenBody, useHarness } from './helpers.js';

const { start, current } = useHarness();

async function homes(): Promise<Response> {
  const { server } = current();
  return getData(server, '/v1/homes', server.issueTokens().accessToken);
}

const VEHICLE_PATH = `/v1/homes/${CABIN_ID}/devices/${VEHICLE_ID}`;

describe('status faults', () => {
  it('answers the status with a default JSON body', async () => {
    const { server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'status', status: 503 } });

    const response = await homes();

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toEqual({ error: 'Service Unavailable' });
  });

  it.each([
    [{ kind: 'seconds', seconds: 2 } as const, '2'],
    [{ kind: 'seconds', seconds: -5 } as const, '-5'],
    [{ kind: 'httpDate', atMs: Date.UTC(2026, 0, 10, 12, 35, 30) } as const,
      'Sat, 10 Jan 2026 12:35:30 GMT'],
    [{ kind: 'raw', value: 'soon, maybe' } as const, 'soon, maybe'],
  ])('writes Retry-After %j as %s', async (retryAfter, header) => {
    const { server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'status', status: 429, retryAfter } });

    const response = await homes();

    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(header);
  });

  it('sends a given JSON or text body', async () => {
    const { server } = await start();
    server.faults.add({
      route: 'homes',
      fault: { kind: 'status', status: 500, body: { kind: 'json', value: { detail: 'boom' } } },
    });
    server.faults.add({
      route: 'homes',
      fault: { kind: 'status', status: 502, body: { kind: 'text', value: 'upstream gone' } },
    });

    const json = await homes();
    const text = await homes();

    expect(await json.json()).toEqual({ detail: 'boom' });
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('upstream gone');
  });
});

describe('error bodies of other kinds', () => {
  it.each([
    ['invalid_grant', undefined, 400],
    ['invalid_client', undefined, 401],
    ['temporarily_unavailable', 503, 503],
  ])('answers the token route with OAuth error %s', async (error, status, expected) => {
    const { server } = await start();
    const first = await login(server);
    server.faults.add({
      route: 'token',
      fault: { kind: 'oauthError', error, ...(status === undefined ? {} : { status }) },
    });

    const faulted = await postToken(server, refreshForm(first.refreshToken));
    const after = await postToken(server, refreshForm(first.refreshToken));

    expect(faulted.status).toBe(expected);
    expect(faulted.headers.get('cache-control')).toBe('no-store');
    expect(await faulted.json()).toEqual({ error, error_description: 'Injected error.' });
    // The faulted request never reached the handler: the refresh token is still unused.
    expect(after.status).toBe(200);
  });

  it('answers with a proxy HTML page', async () => {
    const { server } = await start();
    server.faults.add({ route: 'token', fault: { kind: 'html', status: 403 } });

    const response = await fetch(server.endpoints.token, { method: 'POST' });

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<title>403 Forbidden</title>');
    expect(html).not.toContain('error');
  });

  it('answers with given HTML', async () => {
    const { server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'html', status: 502, html: '<p>x</p>' } });

    expect(await (await homes()).text()).toBe('<p>x</p>');
  });

  it('answers with plain text', async () => {
    const { server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'text', status: 500, text: 'oops' } });

    const response = await homes();

    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('oops');
  });
});

describe('reworked responses', () => {
  it('cuts the JSON short under status 200', async () => {
    const { server } = await start();
    const whole = await (await homes()).text();
    server.faults.add({ route: 'homes', fault: { kind: 'truncatedJson' } });

    const response = await homes();
    const text = await response.text();

    expect(response.status).toBe(200);
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('keeps as many bytes as told', async () => {
    const { server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'truncatedJson', keepBytes: 3 } });

    expect(await (await homes()).text()).toBe('{"h');
  });

  it('sends the real body under a wrong content type', async () => {
    const { server } = await start();
    const whole = await (await homes()).text();
    server.faults.add({ route: 'homes', fault: { kind: 'wrongContentType' } });
    server.faults.add({ route: 'homes', fault: { kind: 'wrongContentType', contentType: 'x/y' } });

    const html = await homes();
    const custom = await homes();

    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toBe(whole);
    expect(custom.headers.get('content-type')).toBe('x/y');
  });

  it('drops a capability from one device response', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens();
    server.faults.add({
      route: 'device',
      fault: { kind: 'capabilityVanishes', capabilityId: 'range.remaining' },
    });

    const faulted = await (await getData(server, VEHICLE_PATH, accessToken)).json();
    const next = await (await getData(server, VEHICLE_PATH, accessToken)).json();

    const expected = vehicleDetail(clock.now());
    expect(faulted).toEqual({
      ...expected,
      capabilities: expected.capabilities.filter((c) => c['id'] !== 'range.remaining'),
    });
    expect(next).toEqual(expected);
  });

  it('nulls a capability value in one device response', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens();
    server.faults.add({
      route: 'device',
      fault: { kind: 'capabilityNull', capabilityId: 'storage.stateOfCharge' },
    });

    const faulted = await (await getData(server, VEHICLE_PATH, accessToken)).json();

    const expected = vehicleDetail(clock.now());
    expect(faulted).toEqual({
      ...expected,
      capabilities: expected.capabilities.map((c) =>
        c['id'] === 'storage.stateOfCharge' ? { ...c, value: null } : c,
      ),
    });
  });

  it('computes the ETag after a capability fault', async () => {
    const { server } = await start({ etags: true });
    const { accessToken } = server.issueTokens();
    const etag = (await getData(server, VEHICLE_PATH, accessToken)).headers.get('etag') ?? '';
    server.faults.add({
      route: 'device',
      fault: { kind: 'capabilityVanishes', capabilityId: 'range.remaining' },
    });

    const faulted = await getData(server, VEHICLE_PATH, accessToken, {
      headers: { 'if-none-match': etag },
    });

    expect(faulted.status).toBe(200);
  });

  it('omits refresh_token from one refresh, keeping the old one valid', async () => {
    const { server } = await start();
    const first = await login(server);
    server.faults.add({ route: 'token', fault: { kind: 'omitRefreshToken' } });

    const omitted = await tokenBody(await postToken(server, refreshForm(first.refreshToken)));
    const rotated = await tokenBody(await postToken(server, refreshForm(first.refreshToken)));
    const reused = await postToken(server, refreshForm(first.refreshToken));

    expect(omitted).not.toHaveProperty('refresh_token');
    expect(omitted.access_token).toEqual(expect.any(String));
    expect(rotated.refresh_token).toEqual(expect.any(String));
    expect(reused.status).toBe(400);
  });
});
