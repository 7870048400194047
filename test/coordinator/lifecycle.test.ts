import { describe, expect, it } from 'vitest';

import type { CoordinatorListener } from '../../src/coordinator/coordinator-events.js';
import { TimeoutError } from '../../src/shared/errors.js';
import { CAR, StaticScenario } from './static-scenario.js';
import type { HarnessOptions } from './harness.js';
import {
  MINUTE_MS,
  RecordingListener,
  startWithFaults,
  useCoordinatorHarness,
} from './harness.js';

const start = useCoordinatorHarness();

const withFaults = (options: HarnessOptions = {}) => startWithFaults(start, options);

describe('capabilities that vanish or turn null for a poll (C4)', () => {
  it.each([
    ['vanishes', { kind: 'capabilityVanishes', capabilityId: 'storage.stateOfCharge' } as const],
    ['turns null', { kind: 'capabilityNull', capabilityId: 'storage.stateOfCharge' } as const],
  ])('keeps the last good value when one %s, and stays quiet', async (_name, fault) => {
    const { server, coordinator, listener, nextPoll } = await start();
    server.faults.add({ route: 'device', match: { deviceId: CAR }, fault });

    await nextPoll();
    await nextPoll();

    const car = coordinator.snapshot.devices.find((e) => e.device.deviceId === CAR);
    const charge = car?.device.capabilities.find((c) => c.capabilityId === 'storage.stateOfCharge');
    expect(charge?.value).toBe(60);
    expect(car?.available).toBe(true);
    expect(listener.batches).toHaveLength(1);
  });

  it('removes a capability absent for three polls in a row', async () => {
    const scenario = new StaticScenario();
    const { coordinator, listener, nextPoll } = await start({ scenario });
    const car = scenario.details.get(CAR);
    car?.capabilities.splice(1, 1);

    await nextPoll();
    await nextPoll();
    expect(listener.batches).toHaveLength(1);
    await nextPoll();

    // Without range.remaining nothing says "vehicle" any more: its type goes with it.
    expect(listener.kinds()).toEqual(['deviceUpdated', 'capabilityRemoved']);
    const ids = coordinator.snapshot.devices[0]?.device.capabilities.map((c) => c.capabilityId);
    expect(ids).toEqual(['storage.stateOfCharge']);
  });
});

describe('invalid data (C6, architecture: persistent problems)', () => {
  it('keeps the last valid value and reports it after three invalid polls, once', async () => {
    const scenario = new StaticScenario();
    const { coordinator, listener, nextPoll, logger } = await start({ scenario });
    scenario.setValue(CAR, 'storage.stateOfCharge', 250);

    for (let i = 0; i < 5; i++) await nextPoll();

    const charge = coordinator.snapshot.devices[0]?.device.capabilities[0];
    expect(charge?.value).toBe(60);
    expect(listener.batches).toHaveLength(1);
    expect(listener.problems).toHaveLength(1);
    expect(listener.problems[0]).toMatchObject({ deviceId: CAR, polls: 3 });
    expect(logger.lines('warn')).toEqual([
      'warn: an item stays invalid; its last valid value is kept',
    ]);
  });
});

describe('snapshots (C5)', () => {
  it('are frozen, so a listener cannot change what the next diff compares', async () => {
    const scenario = new StaticScenario();
    const mutator: CoordinatorListener = {
      changes: (_changes, snapshot) => {
        const device = snapshot.devices[0]?.device;
        if (device === undefined) return;
        try {
          (device.capabilities[0] as { value: unknown }).value = 0;
        } catch {
          // Frozen: the assignment throws in strict mode, as it should.
        }
      },
    };
    const { coordinator, listener, nextPoll } = await start({ scenario });
    coordinator.subscribe(mutator);

    scenario.setValue(CAR, 'storage.stateOfCharge', 61);
    await nextPoll();
    await nextPoll();

    expect(Object.isFrozen(coordinator.snapshot.devices[0]?.device.capabilities[0])).toBe(true);
    expect(coordinator.snapshot.devices[0]?.device.capabilities[0]?.value).toBe(61);
    expect(listener.batches).toHaveLength(2);
  });
});

describe('listeners that fail (C8)', () => {
  it('keep neither the others nor the polling from going on', async () => {
    const scenario = new StaticScenario();
    const { coordinator, listener, nextPoll, logger } = await start({ scenario });
    coordinator.subscribe({
      changes: () => {
        throw new Error('boom');
      },
    });
    coordinator.subscribe({ changes: () => Promise.reject(new Error('async boom')) });

    scenario.setValue(CAR, 'storage.stateOfCharge', 61);
    await nextPoll();
    scenario.setValue(CAR, 'storage.stateOfCharge', 62);
    await nextPoll();

    expect(listener.batches).toHaveLength(3);
    expect(logger.lines('error')).toEqual([
      'error: a coordinator listener failed; the others went on',
      'error: a coordinator listener failed; the others went on',
      'error: a coordinator listener failed; the others went on',
      'error: a coordinator listener failed; the others went on',
    ]);
  });
});

describe('scheduling', () => {
  it('stops: no timer left, nothing in flight, idempotent (C9)', async () => {
    const { coordinator, clock, server, faulty } = await withFaults();
    faulty.hang = true;
    clock.advance(MINUTE_MS);

    coordinator.stop();
    coordinator.stop();

    expect(clock.pendingDelaysMs()).toEqual([]);
    expect(coordinator.nextPollAt).toBeUndefined();
    server.clearRequests();
    clock.advance(10 * MINUTE_MS);
    expect(server.countRequests('any')).toBe(0);
  });

  it('stops polling when the last listener leaves, and starts again with one', async () => {
    const { coordinator, clock, detach, server } = await start();
    const unsubscribe = coordinator.subscribe(new RecordingListener());
    expect(clock.pendingDelaysMs()).toEqual([MINUTE_MS]);

    unsubscribe();
    expect(clock.pendingDelaysMs()).toEqual([MINUTE_MS]);
    detach();
    expect(clock.pendingDelaysMs()).toEqual([]);
    server.clearRequests();
    clock.advance(10 * MINUTE_MS);
    expect(server.countRequests('any')).toBe(0);

    coordinator.subscribe(new RecordingListener());
    expect(clock.pendingDelaysMs()).toEqual([MINUTE_MS]);
  });

  it('ends a poll that never settles by its watchdog, as a time-out (C11)', async () => {
    const { coordinator, clock, faulty, idle } = await withFaults();
    faulty.hang = true;

    clock.advance(MINUTE_MS);
    await idle();
    expect(clock.pendingDelaysMs()).toEqual([2 * MINUTE_MS]);
    clock.advance(2 * MINUTE_MS);
    await idle();

    expect(coordinator.lastError).toBeInstanceOf(TimeoutError);
    expect(coordinator.lastUpdateSuccess).toBe(false);
    expect(coordinator.snapshot.devices[0]?.staleSince).toBeDefined();
    expect(coordinator.nextPollAt?.toMillis()).toBe(clock.now() + MINUTE_MS);
  });

  it('never overlaps polls: a refresh asked for during one runs once after it', async () => {
    const { coordinator, server, clock, idle } = await start();
    server.clearRequests();
    server.faults.add({ route: 'device', times: 3, fault: { kind: 'latency', delayMs: 5_000 } });

    clock.advance(MINUTE_MS);
    await server.waitForRequest('device', 3);
    coordinator.requestRefresh();
    coordinator.requestRefresh();
    clock.advance(5_000);
    await idle();

    expect(server.countRequests('device')).toBe(6);
    expect(coordinator.nextPollAt?.toMillis()).toBe(clock.now() + MINUTE_MS);
  });

  it('debounces requestRefresh: the first at once, later ones into one trailing run', async () => {
    const { coordinator, server, clock, idle } = await start();
    server.clearRequests();

    coordinator.requestRefresh();
    await idle();
    coordinator.requestRefresh();
    coordinator.requestRefresh();
    coordinator.requestRefresh();
    await idle();
    expect(server.countRequests('device')).toBe(3);
    clock.advance(10_000);
    await idle();

    expect(server.countRequests('device')).toBe(6);
  });

  it('spreads many installs over the phase window (B8)', async () => {
    const phases = await Promise.all(
      [0, 0.25, 0.5, 0.75].map(async (random) => {
        const { nextPoll } = await start({ coordinator: { random: () => random } });
        return nextPoll();
      }),
    );

    expect(phases).toEqual([60_000, 61_250, 62_500, 63_750]);
  });
});

describe('unknown capabilities and units (C6)', () => {
  it('keeps them and says so once, not every poll', async () => {
    const scenario = new StaticScenario();
    scenario.details.get(CAR)?.capabilities.push(
      { id: 'vehicle.doorsLocked', description: 'doors locked', value: true, unit: '' },
      { id: 'storage.temperature', description: 'pack temperature', value: 21, unit: 'K' },
    );
    const { coordinator, logger, nextPoll } = await start({ scenario });

    await nextPoll();
    await nextPoll();

    const ids = coordinator.snapshot.devices[0]?.device.capabilities.map((c) => c.capabilityId);
    expect(ids).toContain('vehicle.doorsLocked');
    expect(logger.lines('warn')).toEqual([
      `warn: device ${CAR} has unknown capability vehicle.doorsLocked`,
      `warn: device ${CAR} has unknown capability storage.temperature`,
      `warn: capability storage.temperature of device ${CAR} has unknown unit "K"`,
    ]);
  });
});
