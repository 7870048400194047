import { describe, expect, it } from 'vitest';

import { CAR, CHARGER, HEATER, HOME_A, HOME_B, StaticScenario } from './static-scenario.js';
import { MINUTE_MS, useCoordinatorHarness } from './harness.js';

const start = useCoordinatorHarness();

describe('discovery and the steady poll', () => {
  it('discovers homes, lists and details, keeping the shared car once', async () => {
    const { server, coordinator, listener } = await start();

    expect(server.countRequests('homes')).toBe(1);
    expect(server.countRequests('devices')).toBe(2);
    expect(server.countRequests('device')).toBe(3);
    const { snapshot } = coordinator;
    expect(snapshot.devices.map((e) => e.device.deviceId)).toEqual([CAR, CHARGER, HEATER]);
    expect(snapshot.devices[0]?.homeIds).toEqual([HOME_A, HOME_B]);
    expect(snapshot.homes.map((h) => h.devices.length)).toEqual([3, 1]);
    expect(listener.kinds(0)).toEqual([
      'homeAdded',
      'homeAdded',
      'deviceAdded',
      'deviceAdded',
      'deviceAdded',
      'onlineStatusChanged',
      'onlineStatusChanged',
      'onlineStatusChanged',
      'onlineStatusChanged',
      'onlineStatusChanged',
      'onlineStatusChanged',
    ]);
    const statuses = snapshot.devices.map((e) => e.device.onlineStatus);
    expect(statuses).toEqual(['online', 'online', 'online']);
  });

  it('costs one detail per device per poll, and says nothing when nothing changed', async () => {
    const { server, listener, nextPoll } = await start();
    server.clearRequests();

    expect(await nextPoll()).toBe(MINUTE_MS);
    expect(await nextPoll()).toBe(MINUTE_MS);

    expect(server.countRequests('device')).toBe(6);
    expect(server.countRequests('any')).toBe(6);
    expect(listener.batches).toHaveLength(1);
  });

  it('emits exactly one change for one changed value (C3)', async () => {
    const scenario = new StaticScenario();
    const { listener, nextPoll } = await start({ scenario });

    scenario.setValue(CAR, 'storage.stateOfCharge', 61);
    await nextPoll();

    const [change] = listener.batches[1] ?? [];
    expect(listener.batches[1]).toHaveLength(1);
    expect(change).toMatchObject({
      kind: 'capabilityChanged',
      deviceId: CAR,
      previous: { value: 60 },
      current: { value: 61 },
    });
  });

  it('fetches device lists again after an hour, and homes after a day', async () => {
    const { server, nextPoll } = await start();
    server.clearRequests();

    for (let minute = 1; minute <= 60; minute++) await nextPoll();

    expect(server.countRequests('devices')).toBe(2);
    expect(server.countRequests('homes')).toBe(0);
  });

  it('removes a device only once its list no longer has it', async () => {
    const scenario = new StaticScenario();
    const { coordinator, listener, nextPoll } = await start({ scenario });
    scenario.lists.set(HOME_A, [CAR, CHARGER]);

    await nextPoll();
    expect(coordinator.snapshot.devices).toHaveLength(3);
    await coordinator.rediscover();

    expect(coordinator.snapshot.devices.map((e) => e.device.deviceId)).toEqual([CAR, CHARGER]);
    expect(listener.kinds()).toEqual(['deviceRemoved']);
  });

  it('waits a fixed random phase on top of every interval', async () => {
    const { nextPoll } = await start({ coordinator: { random: () => 0.5 } });

    expect(await nextPoll()).toBe(MINUTE_MS + 2_500);
  });
});
