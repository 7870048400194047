import { afterEach, expect, it } from 'vitest';
import type { EntityAdapter } from 'tibber-data';
import {
  EntityFeed,
  EntityRegistry,
  TibberDataClient,
  TibberDataCoordinator,
  staticAccessToken,
} from 'tibber-data';
import { MockTibberServer, createDemoScenario } from 'tibber-data/testing';

let tibber: MockTibberServer | undefined;
let coordinator: TibberDataCoordinator | undefined;
afterEach(async () => {
  coordinator?.stop();
  await tibber?.close();
});

it('feeds entities to a registry and to an adapter of your own', async () => {
  tibber = await MockTibberServer.start({ scenario: createDemoScenario() });
  const client = new TibberDataClient({
    auth: staticAccessToken(tibber.issueTokens().accessToken),
    userAgent: 'MyHub/1.0.0',
    baseUrl: tibber.endpoints.dataApi,
  });
  coordinator = new TibberDataCoordinator({ client });

  // A hub's own adapter: every method optional, each called only with something in it.
  const shown = new Map<string, unknown>();
  const myHub: EntityAdapter = {
    entitiesAdded: (entities) => {
      for (const { description, state } of entities) shown.set(description.uniqueId, state.value);
    },
    statesChanged: (states) => {
      for (const state of states) shown.set(state.uniqueId, state.value);
    },
    entitiesRemoved: (uniqueIds) => {
      for (const id of uniqueIds) shown.delete(id);
    },
  };
  const registry = new EntityRegistry(); // in memory, for a dashboard
  coordinator.subscribe(new EntityFeed([myHub]));
  coordinator.subscribe(registry);
  await coordinator.start();

  const range = registry.byPlatform('sensor').find((e) => e.description.unit === 'km');
  expect(range?.description.deviceClass).toBe('distance');
  expect(shown.size).toBe(registry.size);
});
