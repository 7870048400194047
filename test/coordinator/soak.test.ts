import { describe, expect, it } from 'vitest';

import type { Change } from '../../src/coordinator/changes.js';
import type { MockTibberServer } from '../../src/testing/index.js';
import { NotFoundError, ServerError } from '../../src/shared/errors.js';
import { mulberry32 } from '../../src/testing/index.js';
import { FaultyClient } from './faulty-client.js';
import { CAR, CHARGER, HEATER, HOME_A, StaticScenario } from './static-scenario.js';
import { signedInManager, useCoordinatorHarness } from './harness.js';

const start = useCoordinatorHarness();
const POLL_MS = 10 * 60_000;
const WEEK_POLLS = (7 * 24 * 3_600_000) / POLL_MS;
const NUMERIC: readonly [string, string][] = [
  [CAR, 'storage.stateOfCharge'],
  [CAR, 'range.remaining'],
  [CHARGER, 'charging.current.max'],
  [HEATER, 'temp.setpoint'],
];

/** The values a listener would show, built from the changes alone. */
function applyChanges(shown: Map<string, unknown>, changes: readonly Change[]): void {
  for (const change of changes) {
    switch (change.kind) {
      case 'capabilityAdded':
      case 'capabilityChanged':
        shown.set(`${change.deviceId}/${change.current.capabilityId}`, change.current.value);
        break;
      case 'capabilityRemoved':
        shown.delete(`${change.deviceId}/${change.previous.capabilityId}`);
        break;
      case 'deviceAdded':
        for (const capability of change.current.capabilities) {
          shown.set(`${change.current.deviceId}/${capability.capabilityId}`, capability.value);
        }
        break;
      case 'deviceRemoved':
        for (const key of [...shown.keys()]) {
          if (key.startsWith(`${change.previous.deviceId}/`)) shown.delete(key);
        }
        break;
      case 'deviceUpdated':
      case 'homeAdded':
      case 'homeUpdated':
      case 'homeRemoved':
      case 'attributeAdded':
      case 'attributeChanged':
      case 'attributeRemoved':
      case 'onlineStatusChanged':
        break;
    }
  }
}

/** Breaks this poll, one time in five: a kind of fault drawn at random. */
async function injectFault(
  random: () => number,
  harness: { server: MockTibberServer; coordinator: { rediscover(): Promise<void> } },
  faulty: FaultyClient,
  scenario: StaticScenario,
): Promise<boolean> {
  const roll = random();
  const [deviceId = CAR, capabilityId = ''] = NUMERIC[Math.floor(random() * NUMERIC.length)] ?? [];
  const match = { deviceId };
  if (roll < 0.05) faulty.fail('getDevice', new ServerError('503', 503));
  else if (roll < 0.1) faulty.fail('getDevice', new NotFoundError('404'), deviceId);
  else if (roll < 0.15) {
    const fault = { kind: 'capabilityNull', capabilityId } as const;
    harness.server.faults.add({ route: 'device', match, fault });
  } else if (roll < 0.2) {
    const fault = { kind: 'capabilityVanishes', capabilityId } as const;
    harness.server.faults.add({ route: 'device', match, fault });
  } else if (roll < 0.22) {
    const listed = scenario.lists.get(HOME_A) ?? [];
    const next = listed.includes(HEATER) ? [CAR, CHARGER] : [CAR, CHARGER, HEATER];
    scenario.lists.set(HOME_A, next);
    await harness.coordinator.rediscover();
  }
  return roll < 0.22;
}

describe('a simulated week (C10)', () => {
  it('delivers every value stable for two polls, through random faults', async () => {
    const scenario = new StaticScenario();
    let faulty: FaultyClient | undefined;
    const harness = await start({
      scenario,
      coordinator: { pollInterval: POLL_MS, maxBackoff: POLL_MS },
      client: (api) => (faulty = new FaultyClient(api)),
      // An hour's access tokens and one-time refresh tokens: 168 rotations in the week.
      server: { accessTokenTtlSeconds: 3_600 },
      auth: (server, clock) => signedInManager(server, clock),
    });
    const { coordinator, server, nextPoll } = harness;
    const shown = new Map<string, unknown>();
    coordinator.subscribe({
      changes: (changes) => {
        applyChanges(shown, changes);
      },
    });
    applyChanges(shown, harness.listener.batches.flat());
    const random = mulberry32(7);
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => {
      rejections.push(reason);
    };
    process.on('unhandledRejection', onRejection);
    const stableSince = new Map<string, number>();
    const heapAt: number[] = [];
    let checked = 0;

    try {
      for (let pollIndex = 0; pollIndex < WEEK_POLLS; pollIndex++) {
        faulty?.heal();
        for (const [deviceId, capabilityId] of NUMERIC) {
          if (random() < 0.1) {
            scenario.setValue(deviceId, capabilityId, Math.round(random() * 100));
            stableSince.set(`${deviceId}/${capabilityId}`, pollIndex);
          }
        }
        if (faulty === undefined) throw new Error('no client');
        const heaterWasListed = scenario.lists.get(HOME_A)?.includes(HEATER) === true;
        const faulted = await injectFault(random, harness, faulty, scenario);
        const heaterListed = scenario.lists.get(HOME_A)?.includes(HEATER) === true;
        if (heaterListed !== heaterWasListed) stableSince.set(`${HEATER}/temp.setpoint`, pollIndex);

        await nextPoll();

        const listed = scenario.lists.get(HOME_A) ?? [];
        for (const [deviceId, capabilityId] of NUMERIC) {
          const key = `${deviceId}/${capabilityId}`;
          const isStable = pollIndex - (stableSince.get(key) ?? -1) >= 2;
          if (faulted || !isStable || !listed.includes(deviceId)) continue;
          const detail = scenario.details.get(deviceId);
          const expected = detail?.capabilities.find((c) => c['id'] === capabilityId)?.['value'];
          expect(shown.get(key), `${key} after poll ${pollIndex}`).toBe(expected);
          checked++;
        }
        if (pollIndex === 100 || pollIndex === WEEK_POLLS - 1) {
          (globalThis as { gc?: () => void }).gc?.();
          heapAt.push(process.memoryUsage().heapUsed);
        }
      }
    } finally {
      process.off('unhandledRejection', onRejection);
    }

    expect(rejections).toEqual([]);
    expect(harness.listener.reauth).toEqual([]);
    const refreshes = server.requests.filter((r) => r.form?.['grant_type'] === 'refresh_token');
    expect(refreshes.length).toBeGreaterThan(150);
    expect(refreshes.every((r) => r.status === 200)).toBe(true);
    expect(checked).toBeGreaterThan(2_000);
    const [early = 0, late = 0] = heapAt;
    expect(late / early).toBeLessThan(1.5);
  }, 60_000);
});
