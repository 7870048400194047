import { afterEach, expect, it } from 'vitest';
import { TibberDataClient, staticAccessToken } from 'tibber-data';
import { MockTibberServer, createDemoScenario } from 'tibber-data/testing';

let tibber: MockTibberServer | undefined;
afterEach(() => tibber?.close());

it('reads homes, devices, a device, its history and the user', async () => {
  tibber = await MockTibberServer.start({ scenario: createDemoScenario() });
  const client = new TibberDataClient({
    auth: staticAccessToken(tibber.issueTokens().accessToken), // in a hub: the session manager
    userAgent: 'MyHub/1.0.0',
    baseUrl: tibber.endpoints.dataApi, // leave out for Tibber's own Data API
    userInfoUrl: tibber.endpoints.userinfo, // likewise
  });

  const homes = await client.getHomes();
  const [home] = homes.items;
  if (home === undefined) throw new Error('no home');

  const devices = await client.getDevices(home.homeId);
  for (const issue of devices.issues) console.warn(issue); // a bad item, left out alone

  const battery = devices.items.find((device) => device.name === 'Home battery');
  if (battery === undefined) throw new Error('no battery');
  const { device } = await client.getDevice(home.homeId, battery.deviceId);
  const charge = device.capabilities.find((c) => c.capabilityId === 'storage.stateOfCharge');

  const since = new Date(Date.now() - 24 * 3_600_000).toISOString();
  let points = 0;
  for await (const { page } of client.getDeviceHistory(home.homeId, battery.deviceId, {
    resolution: 'hour',
    since,
  })) {
    points += page.points.length;
  }

  const user = await client.getUserInfo();

  expect(device.deviceType).toBe('battery');
  expect(charge?.unit).toBe('%');
  expect(points).toBeGreaterThan(20);
  expect(user.userId).toBe(tibber.user.sub);
});
