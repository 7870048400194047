import { describe, expect, it } from 'vitest';

import { ConfigurationError, NotFoundError } from '../../src/shared/errors.js';
import { APP, useClientHarness } from './harness.js';

const start = useClientHarness();

describe('TibberDataClient calls', () => {
  it('lists homes, their devices and each device once, as domain models', async () => {
    const { client, scenario } = await start();

    const homes = await client.getHomes();
    const main = homes.items[0];
    const devices = await client.getDevices(main?.homeId ?? '');
    const car = devices.items.find((d) => d.name === 'Family car');
    const detail = await client.getDevice(main?.homeId ?? '', car?.deviceId ?? '');

    expect(homes.items.map((h) => h.displayName)).toEqual(['Main house', 'Cabin']);
    expect(homes.issues).toEqual([]);
    expect(devices.items.map((d) => d.name)).toEqual([
      'Family car',
      'Driveway charger',
      'Home battery',
      'Living room',
    ]);
    expect(detail.device.deviceType).toBe('ev');
    expect(detail.device.capabilities.map((c) => c.capabilityId)).toContain('range.remaining');
    expect(car?.deviceId).toBe(scenario.deviceId('car'));
  });

  it('sends the User-Agent, the bearer token and accept on every request (B9)', async () => {
    const { client, auth, dataRequests } = await start();

    await client.getHomes();

    const [request] = dataRequests();
    expect(request?.headers['user-agent']).toBe(
      `${APP} tibber-data/0.1.0 (node ${process.version}; ${process.platform})`,
    );
    expect(request?.headers['authorization']).toBe(`Bearer ${auth.current}`);
    expect(request?.headers['accept']).toBe('application/json');
  });

  it('reads the signed-in user from userinfo', async () => {
    const { client, server } = await start();

    expect(await client.getUserInfo()).toEqual({
      userId: server.user.sub,
      name: 'Kari Nordmann',
      email: 'kari.nordmann@example.com',
    });
  });

  it('calls a device the API does not know a NotFoundError, without a retry (B3)', async () => {
    const { client, dataRequests } = await start();
    const [home] = (await client.getHomes()).items;

    const error: unknown = await client
      .getDevice(home?.homeId ?? '', 'bm8tc3VjaC1kZXZpY2U')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(dataRequests()).toHaveLength(2);
  });

  it('refuses an app without a name and version before any request', async () => {
    await expect(start({ client: { userAgent: '' } })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it("refuses bad ids as the caller's bug", async () => {
    const { client } = await start();

    await expect(client.getDevices('')).rejects.toThrow(
      new TypeError('homeId must be a non-empty string'),
    );
  });
});
