import { afterEach, expect, it } from 'vitest';
import type { Change } from 'tibber-data';
import { TibberDataClient, TibberDataCoordinator, staticAccessToken } from 'tibber-data';
import { MockTibberServer, createDemoScenario } from 'tibber-data/testing';

let tibber: MockTibberServer | undefined;
let coordinator: TibberDataCoordinator | undefined;
afterEach(async () => {
  coordinator?.stop(); // aborts what is in flight, clears every timer, forgets listeners
  await tibber?.close();
});

it('polls, and tells what changed', async () => {
  tibber = await MockTibberServer.start({ scenario: createDemoScenario() });
  const client = new TibberDataClient({
    auth: staticAccessToken(tibber.issueTokens().accessToken), // in a hub: the session manager
    userAgent: 'MyHub/1.0.0',
    baseUrl: tibber.endpoints.dataApi,
  });
  coordinator = new TibberDataCoordinator({ client }); // polls every 60 s

  const seen: Change[] = [];
  coordinator.subscribe({
    changes: (changes) => {
      seen.push(...changes); // by value, previous and current; never an empty list
    },
    availabilityChanged: ({ deviceId, available }) => {
      console.info(`${deviceId ?? 'Tibber'} is ${available ? 'back' : 'unavailable'}`);
    },
    reauthRequired: () => {
      console.warn('Sign in to Tibber again, then call coordinator.resume()');
    },
  });
  await coordinator.start(); // the first refresh; throws if it fails

  const battery = coordinator.snapshot.devices.find((e) => e.device.deviceType === 'battery');
  expect(battery?.available).toBe(true);
  expect(seen.filter((c) => c.kind === 'deviceAdded')).toHaveLength(6);
  expect(coordinator.nextPollAt).toBeDefined();
});
