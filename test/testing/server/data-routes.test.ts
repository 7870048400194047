import { describe, expect, it } from 'vitest';

import type { WireDeviceDetail } from '../../../src/testing/scenario/source.js';
import {
  CABIN_ID,
  CHARGER_ID,
  MAIN_HOME_ID,
  VEHICLE_ID,
  chargerDetail,
  chargerSummary,
  stateOfChargeAt,
  vehicleDetail,
  vehicleSummary,
} from './fixture.js';
import { getData, useHarness } from './helpers.js';

const { start } = useHarness();

const devicesPath = (homeId: string): string => `/v1/homes/${homeId}/devices`;
const devicePath = (homeId: string, deviceId: string): string =>
  `/v1/homes/${homeId}/devices/${deviceId}`;

const problem = (status: number, title: string, detail: string): object => ({
  type: 'about:blank',
  title,
  status,
  detail,
});

describe('Data API envelopes', () => {
  it('lists homes under "homes"', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const response = await getData(server, '/v1/homes', accessToken);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      homes: [
        { id: MAIN_HOME_ID, info: { name: 'Main house' } },
        { id: CABIN_ID, name: 'Cabin' },
      ],
    });
  });

  it('lists device summaries under "devices", the vehicle under both homes', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const main = await getData(server, devicesPath(MAIN_HOME_ID), accessToken);
    const cabin = await getData(server, devicesPath(CABIN_ID), accessToken);

    expect(await main.json()).toEqual({ devices: [vehicleSummary(), chargerSummary()] });
    expect(await cabin.json()).toEqual({ devices: [vehicleSummary()] });
  });

  it('returns a device detail as a bare object, valued at the server time', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens();

    const first = await getData(server, devicePath(CABIN_ID, VEHICLE_ID), accessToken);
    const firstAtMs = clock.now();
    clock.advance(600_000);
    const again = await getData(server, devicePath(MAIN_HOME_ID, VEHICLE_ID), accessToken);
    const later = (await again.json()) as WireDeviceDetail;

    expect(await first.json()).toEqual(vehicleDetail(firstAtMs));
    expect(later).toEqual(vehicleDetail(clock.now()));
    expect(later.capabilities[0]?.['value']).toBe(stateOfChargeAt(firstAtMs) + 1);
  });

  it('answers 404 problem details for an unknown home or device', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const home = await getData(server, devicesPath('no-such-home'), accessToken);
    const device = await getData(server, devicePath(CABIN_ID, CHARGER_ID), accessToken);

    expect(home.status).toBe(404);
    expect(home.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await home.json()).toEqual(problem(404, 'Not Found', 'No home no-such-home.'));
    expect(await device.json()).toEqual(
      problem(404, 'Not Found', `No device ${CHARGER_ID} in this home.`),
    );
  });
});

describe('scopes', () => {
  it('lists only the devices whose category scope the token holds', async () => {
    const { server } = await start();
    const vehiclesOnly = server.issueTokens({
      scopes: ['data-api-homes-read', 'data-api-vehicles-read'],
    });
    const chargersOnly = server.issueTokens({
      scopes: ['data-api-homes-read', 'data-api-chargers-read'],
    });

    const path = devicesPath(MAIN_HOME_ID);
    const seenByVehicles = await getData(server, path, vehiclesOnly.accessToken);
    const seenByChargers = await getData(server, path, chargersOnly.accessToken);

    expect(await seenByVehicles.json()).toEqual({ devices: [vehicleSummary()] });
    expect(await seenByChargers.json()).toEqual({ devices: [chargerSummary()] });
  });

  it('hides a device detail outside the scopes as a 404', async () => {
    const { server, clock } = await start();
    const { accessToken } = server.issueTokens({
      scopes: ['data-api-homes-read', 'data-api-vehicles-read'],
    });
    const full = server.issueTokens();

    const hidden = await getData(server, devicePath(MAIN_HOME_ID, CHARGER_ID), accessToken);
    const shown = await getData(server, devicePath(MAIN_HOME_ID, CHARGER_ID), full.accessToken);

    expect(hidden.status).toBe(404);
    expect(await shown.json()).toEqual(chargerDetail(clock.now()));
  });

  it('refuses a token without data-api-homes-read with 403 insufficient_scope', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens({ scopes: ['openid', 'data-api-vehicles-read'] });

    const response = await getData(server, '/v1/homes', accessToken);

    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_scope", scope="data-api-homes-read"',
    );
  });
});

describe('authentication and the User-Agent', () => {
  it.each([
    ['no token', undefined, 'Bearer'],
    ['an unknown token', 'not-a-token',
      'Bearer error="invalid_token", error_description="The access token is not recognised."'],
  ])('answers %s with 401, a challenge and no body', async (_name, token, challenge) => {
    const { server } = await start();

    for (const path of ['/v1/homes', devicesPath(MAIN_HOME_ID), devicePath(CABIN_ID, VEHICLE_ID),
      `${devicePath(MAIN_HOME_ID, CHARGER_ID)}/history?resolution=hour&since=2026-01-10`]) {
      const response = await getData(server, path, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(challenge);
      expect(await response.text()).toBe('');
    }
  });

  it('accepts the Bearer scheme in any case', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const response = await getData(server, '/v1/homes', undefined, {
      headers: { authorization: `bearer ${accessToken}` },
    });

    expect(response.status).toBe(200);
  });

  it('refuses a request without a User-Agent with 400, before looking at the token', async () => {
    const { server } = await start();

    const blank = await getData(server, '/v1/homes', undefined, { headers: { 'user-agent': '' } });

    expect(blank.status).toBe(400);
    expect(await blank.json()).toEqual(problem(
      400, 'Bad Request', 'A User-Agent header is required: App/Version (platform).',
    ));
    expect(server.requests[0]?.headers['user-agent']).toBe('');
  });
});

describe('paths and methods', () => {
  it.each([
    '/v1/homes/',
    `/v1/homes/${MAIN_HOME_ID}`,
    `/v1/homes/${MAIN_HOME_ID}/devices/${CHARGER_ID}/history/extra`,
    `/v1/homes/${MAIN_HOME_ID}/things`,
    '/v1/me',
    '/nothing',
  ])('answers %s with a 404 JSON body', async (path) => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const response = await getData(server, path, accessToken);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(problem(404, 'Not Found', `Nothing at ${path}.`));
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('answers %s on a data route with 405', async (m) => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const response = await getData(server, '/v1/homes', accessToken, { method: m });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(await response.json()).toEqual(
      problem(405, 'Method Not Allowed', 'homes answers GET only.'),
    );
  });
});

describe('ETags', () => {
  it('sends none by default and ignores If-None-Match', async () => {
    const { server } = await start();
    const { accessToken } = server.issueTokens();

    const response = await getData(server, '/v1/homes', accessToken, {
      headers: { 'if-none-match': '*' },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBeNull();
  });

  it('sends a strong ETag and answers a match with 304 and no body', async () => {
    const { server } = await start({ etags: true });
    const { accessToken } = server.issueTokens();

    const first = await getData(server, '/v1/homes', accessToken);
    const etag = first.headers.get('etag') ?? '';
    const again = await getData(server, '/v1/homes', accessToken, {
      headers: { 'if-none-match': etag },
    });
    const weak = await getData(server, '/v1/homes', accessToken, {
      headers: { 'if-none-match': `"other", W/${etag}` },
    });

    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    expect(weak.status).toBe(304);
  });

  it('answers 200 with a new ETag once the content changed', async () => {
    const { server, clock } = await start({ etags: true });
    const { accessToken } = server.issueTokens();
    const path = devicePath(CABIN_ID, VEHICLE_ID);
    const etag = (await getData(server, path, accessToken)).headers.get('etag') ?? '';

    clock.advance(600_000);
    const changed = await getData(server, path, accessToken, {
      headers: { 'if-none-match': etag },
    });

    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await changed.json()).toEqual(vehicleDetail(clock.now()));
  });

  it('tags neither errors nor the OAuth routes', async () => {
    const { server } = await start({ etags: true });

    const unauthorized = await getData(server, '/v1/homes', 'bad');
    const discovery = await fetch(server.endpoints.discovery);

    expect(unauthorized.headers.get('etag')).toBeNull();
    expect(discovery.headers.get('etag')).toBeNull();
  });
});
