import { describe, expect, it } from 'vitest';

import {
  ConfigurationError,
  NetworkError,
  NotFoundError,
  NotReadyError,
  RateLimitedError,
  ReauthorizationRequiredError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../../src/shared/errors.js';
import { CAR, CHARGER, HEATER } from './static-scenario.js';
import type { HarnessOptions } from './harness.js';
import { MINUTE_MS, START_MS, startWithFaults, useCoordinatorHarness } from './harness.js';

const start = useCoordinatorHarness();

const withFaults = (options: HarnessOptions = {}) => startWithFaults(start, options);

const down = new ServerError('GET /v1/homes/x/devices/y answered 503', 503);

describe('a failed poll after success (C1, C3)', () => {
  it('keeps the last data, marked stale, unavailable only after the grace window', async () => {
    const { coordinator, faulty, listener, nextPoll, logger } = await withFaults();
    const before = coordinator.snapshot.devices.map((e) => e.device);
    faulty.fail('getDevice', down);

    await nextPoll();
    expect(coordinator.snapshot.devices.map((e) => e.device)).toEqual(before);
    expect(coordinator.snapshot.available).toBe(true);
    const failedAt = new Date(START_MS + MINUTE_MS).toISOString();
    expect(coordinator.snapshot.devices[0]?.staleSince).toBe(failedAt);
    expect(listener.availability).toEqual([]);

    expect(await nextPoll()).toBe(MINUTE_MS);
    expect(listener.availability).toEqual([]);
    expect(await nextPoll()).toBe(2 * MINUTE_MS);
    expect(coordinator.snapshot.available).toBe(false);
    expect(listener.availability.filter((e) => e.deviceId === undefined)).toEqual([
      { available: false, error: down },
    ]);
    await nextPoll();
    expect(listener.availability.filter((e) => e.deviceId === undefined)).toHaveLength(1);

    faulty.heal();
    await nextPoll();
    expect(coordinator.snapshot.available).toBe(true);
    expect(listener.availability.filter((e) => e.deviceId === undefined)).toEqual([
      { available: false, error: down },
      { available: true },
    ]);
    expect(logger.lines()).toEqual([
      'warn: Tibber Data API unavailable; keeping the last data',
      'info: Tibber Data API recovered',
    ]);
    expect(listener.batches).toHaveLength(1);
  });

  it('with a zero grace window, turns unavailable at the first failure', async () => {
    const { coordinator, faulty, listener, nextPoll } = await withFaults({
      coordinator: { graceWindow: 0 },
    });
    const told: boolean[] = [];
    coordinator.subscribe({
      availabilityChanged: (_event, snapshot) => told.push(snapshot.available),
    });
    faulty.fail('getDevice', down);

    await nextPoll();

    expect(coordinator.snapshot.available).toBe(false);
    expect(listener.availability[0]).toEqual({ available: false, error: down });
    // Each event comes with the snapshot it belongs to: the one after the failed poll.
    expect(told.every((available) => !available)).toBe(true);
    expect(told).toHaveLength(4);
  });

  it('backs off 1, 2, 4, 8 … intervals, up to 15 minutes, and resets on success', async () => {
    const { faulty, nextPoll } = await withFaults();
    faulty.fail('getDevice', down);
    const delays: number[] = [];

    for (let i = 0; i < 7; i++) delays.push(await nextPoll());
    faulty.heal();
    delays.push(await nextPoll(), await nextPoll());

    expect(delays.map((ms) => ms / MINUTE_MS)).toEqual([1, 1, 2, 4, 8, 15, 15, 15, 1]);
  });
});

describe('the first refresh (C2)', () => {
  it('rejects start with NotReadyError carrying the cause, and makes no entity', async () => {
    const harness = await withFaults({ start: false });
    harness.faulty.fail('getHomes', down);

    const error: unknown = await harness.coordinator.start().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotReadyError);
    expect((error as Error).cause).toBe(down);
    expect(harness.listener.batches).toEqual([]);
    expect(harness.clock.pendingDelaysMs()).toEqual([]);
  });

  it('rejects start with the ReauthorizationRequiredError itself', async () => {
    const harness = await withFaults({ start: false });
    const reauth = new ReauthorizationRequiredError('sign in');
    harness.faulty.fail('getHomes', reauth);

    await expect(harness.coordinator.start()).rejects.toBe(reauth);
  });
});

describe('one device failing (C7)', () => {
  it('affects only that device, and only after the grace window', async () => {
    const { coordinator, faulty, listener, nextPoll } = await withFaults();
    faulty.fail('getDevice', new NotFoundError('gone'), CHARGER);

    await nextPoll();
    const entry = (id: string) =>
      coordinator.snapshot.devices.find((e) => e.device.deviceId === id);
    expect(coordinator.snapshot.available).toBe(true);
    expect(entry(CHARGER)?.staleSince).toBeDefined();
    expect(entry(CAR)?.staleSince).toBeUndefined();
    expect(entry(CHARGER)?.device.onlineStatus).toBe('offline');
    expect(listener.kinds()).toEqual(['onlineStatusChanged']);

    for (let i = 0; i < 3; i++) await nextPoll();
    expect(entry(CHARGER)?.available).toBe(false);
    expect(entry(HEATER)?.available).toBe(true);
    expect(listener.availability).toEqual([{ deviceId: CHARGER, available: false }]);
  });
});

describe('rate limits and sign-in', () => {
  it('defers the next poll until the rate limit ends, capped at an hour', async () => {
    const { faulty, nextPoll, clock } = await withFaults();
    const until = START_MS + 11 * MINUTE_MS;
    faulty.fail('getDevice', new RateLimitedError('slow down', until));

    expect(await nextPoll()).toBe(MINUTE_MS);
    expect(await nextPoll()).toBe(10 * MINUTE_MS);
    faulty.fail('getDevice', new RateLimitedError('banned', clock.now() + 24 * 60 * MINUTE_MS));
    expect(await nextPoll()).toBe(MINUTE_MS);
    faulty.heal();
    expect(await nextPoll()).toBe(60 * MINUTE_MS);
    expect(await nextPoll()).toBe(MINUTE_MS);
  });

  it('stops polling on a needed sign-in, tells once, and goes on after resume()', async () => {
    const { coordinator, faulty, listener, nextPoll, clock, server } = await withFaults();
    const reauth = new ReauthorizationRequiredError('sign in again');
    faulty.fail('getDevice', reauth);

    await nextPoll();
    expect(listener.reauth).toEqual([reauth]);
    expect(listener.availability[0]).toEqual({ available: false, error: reauth });
    expect(clock.pendingDelaysMs()).toEqual([]);
    expect(coordinator.nextPollAt).toBeUndefined();

    faulty.heal();
    server.clearRequests();
    await coordinator.resume();
    expect(server.countRequests('device')).toBe(3);
    expect(coordinator.snapshot.available).toBe(true);
    expect(listener.reauth).toHaveLength(1);
    expect(await nextPoll()).toBe(MINUTE_MS);
  });
});

describe('what each error means (table)', () => {
  const inFive = START_MS + 6 * MINUTE_MS;
  it.each([
    [new ServerError('503', 503), true, MINUTE_MS],
    [new NetworkError('reset'), true, MINUTE_MS],
    [new TimeoutError('slow'), true, MINUTE_MS],
    [new ResponseValidationError('bad', []), true, MINUTE_MS],
    [new ConfigurationError('403'), true, MINUTE_MS],
    [new RateLimitedError('429', inFive), true, 5 * MINUTE_MS],
    [new ReauthorizationRequiredError('401'), false, undefined],
  ])('%s: polling goes on %s; the next poll after %s ms', async (
    error,
    keepsPolling,
    nextDelayMs,
  ) => {
    const { coordinator, faulty, nextPoll, listener, clock, logger } = await withFaults();
    faulty.fail('getDevice', error);

    await nextPoll();

    const scheduled = coordinator.nextPollAt?.toMillis();
    expect(scheduled === undefined ? undefined : scheduled - clock.now()).toBe(nextDelayMs);
    expect(coordinator.snapshot.available).toBe(keepsPolling);
    expect(coordinator.lastError).toBe(error);
    expect(coordinator.consecutiveFailures).toBe(1);
    expect(listener.reauth).toEqual(keepsPolling ? [] : [error]);
    expect(listener.availability.filter((e) => e.deviceId === undefined)).toEqual(
      keepsPolling ? [] : [{ available: false, error }],
    );
    expect(logger.lines('warn')).toEqual([
      keepsPolling
        ? 'warn: Tibber Data API unavailable; keeping the last data'
        : 'warn: Tibber needs a new sign-in; polling has stopped',
    ]);
  });
});
