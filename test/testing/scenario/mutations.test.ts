import { describe, expect, it } from 'vitest';

import type { Scenario } from '../../../src/testing/scenario/index.js';
import { createDemoScenario } from '../../../src/testing/scenario/index.js';
import {
  attributeOf,
  capabilityOf,
  detailOf,
  HOUR,
  lastSeenOf,
  MINUTE,
  valueOf,
} from './payloads.js';

const NOW = Date.UTC(2026, 1, 3, 9, 30, 0);

function setUp() {
  const scenario = createDemoScenario();
  const main = scenario.homeId('main');
  const cabin = scenario.homeId('cabin');
  const ids = (home: string, ms = NOW) => scenario.devices(home, ms)?.map((d) => d.id);
  return { scenario, main, cabin, ids };
}

describe('scenario changes made by tests', () => {
  it('adds a device, shown from the next request on', () => {
    const { scenario, cabin, ids } = setUp();

    const added = scenario.addDevice({ kind: 'charger', key: 'cabin-charger', homes: ['cabin'] });

    expect(ids(cabin)).toContain(added);
    expect(scenario.device(cabin, added, NOW)?.info['name']).toBe('Charger');
    expect(scenario.requiredScope(cabin, added)).toBe('data-api-chargers-read');
  });

  it('removes a device from every home, or from one home only', () => {
    const { scenario, main, cabin, ids } = setUp();
    const car = scenario.deviceId('car');
    const battery = scenario.deviceId('battery');

    scenario.removeDevice('car', 'cabin');
    expect(ids(cabin)).not.toContain(car);
    expect(ids(main)).toContain(car);
    expect(scenario.device(cabin, car, NOW)).toBeUndefined();

    scenario.removeDevice(battery);
    expect(ids(main)).not.toContain(battery);
    expect(scenario.device(main, battery, NOW)).toBeUndefined();
    expect(scenario.history(main, battery, 'hour', NOW - HOUR * 5, NOW)).toBeUndefined();
  });

  it('brings a removed device back with the same ids when added again by key', () => {
    const { scenario, ids, main } = setUp();
    const before = scenario.device(main, scenario.deviceId('battery'), NOW);

    scenario.removeDevice('battery');
    const again = scenario.addDevice({
      kind: 'battery',
      key: 'battery',
      homes: ['main'],
      name: 'Home battery',
      brand: 'Sonnen',
    });

    expect(ids(main)).toContain(again);
    expect(scenario.device(main, again, NOW)).toEqual(before);
  });

  it('removes a home and restores it with its devices; adds a new one', () => {
    const { scenario, main, cabin } = setUp();

    scenario.removeHome('cabin');
    expect(scenario.homes(NOW).map((h) => h.id)).toEqual([main]);
    expect(scenario.devices(cabin, NOW)).toBeUndefined();
    expect(scenario.device(cabin, scenario.deviceId('car'), NOW)).toBeUndefined();
    expect(scenario.timeZoneOf(cabin)).toBeUndefined();

    scenario.restoreHome('cabin');
    expect(scenario.devices(cabin, NOW)).toHaveLength(3);

    const flat = scenario.addHome({
      key: 'flat',
      name: 'Flat',
      nameAt: 'info',
      timeZone: 'Europe/Berlin',
    });
    expect(scenario.homes(NOW).at(-1)).toEqual({ id: flat, info: { name: 'Flat' } });
    expect(scenario.devices(flat, NOW)).toEqual([]);
  });

  it('pins a capability to a fixed value, null included, until cleared', () => {
    const { scenario, main } = setUp();
    const car = (ms: number) => detailOf(scenario, main, scenario.deviceId('car'), ms);
    const evolving = [NOW, NOW + 5 * HOUR].map((ms) => valueOf(car(ms), 'storage.stateOfCharge'));

    scenario.overrideCapability('car', 'storage.stateOfCharge', 12);
    expect(valueOf(car(NOW), 'storage.stateOfCharge')).toBe(12);
    expect(valueOf(car(NOW + 5 * HOUR), 'storage.stateOfCharge')).toBe(12);

    scenario.overrideCapability('car', 'range.remaining', null);
    expect(capabilityOf(car(NOW), 'range.remaining')).toEqual({
      id: 'range.remaining',
      description: 'estimated remaining driving range',
      value: null,
      unit: 'm',
    });

    scenario.clearOverride('car', 'storage.stateOfCharge');
    expect([NOW, NOW + 5 * HOUR].map((ms) => valueOf(car(ms), 'storage.stateOfCharge'))).toEqual(
      evolving,
    );
  });

  it('removes a capability from the detail and restores it', () => {
    const { scenario, main } = setUp();
    const ids = () =>
      detailOf(scenario, main, scenario.deviceId('charger'), NOW).capabilities.map((c) => c['id']);

    scenario.removeCapability('charger', 'charging.status');
    expect(ids()).not.toContain('charging.status');
    expect(ids()).toHaveLength(4);

    scenario.restoreCapability('charger', 'charging.status');
    expect(ids()).toContain('charging.status');
  });

  it('adds a capability the API has not documented', () => {
    const { scenario, main } = setUp();

    const cycles = { id: 'storage.cycleCount', description: 'cycles', unit: '' };
    scenario.addCapability('battery', cycles, 412);

    const battery = detailOf(scenario, main, scenario.deviceId('battery'), NOW);
    expect(battery.capabilities.at(-1)).toEqual({
      id: 'storage.cycleCount',
      description: 'cycles',
      value: 412,
      unit: '',
    });
  });

  it('takes a device offline: isOnline false, lastSeen and values frozen; then back', () => {
    const { scenario, main } = setUp();
    const car = (ms: number) => detailOf(scenario, main, scenario.deviceId('car'), ms);
    const frozen = car(NOW);

    scenario.setOffline('car', NOW);
    const later = car(NOW + 6 * HOUR);
    expect(attributeOf(later, 'isOnline')['value']).toBe(false);
    expect(later.status).toEqual(frozen.status);
    expect(later.capabilities).toEqual(frozen.capabilities);
    expect(attributeOf(car(NOW - MINUTE), 'isOnline')['value']).toBe(true);

    scenario.setOnline('car');
    expect(attributeOf(car(NOW + 6 * HOUR), 'isOnline')['value']).toBe(true);
    expect(lastSeenOf(car(NOW + 6 * HOUR))).toBeGreaterThan(NOW + 5 * HOUR);
  });

  it('shows an offline battery as a disconnected connectivity attribute', () => {
    const { scenario, main } = setUp();

    scenario.setOffline('battery', NOW - HOUR);

    const battery = detailOf(scenario, main, scenario.deviceId('battery'), NOW);
    expect(attributeOf(battery, 'connectivity')).toEqual({
      id: 'connectivity',
      status: 'disconnected',
      ssid: expect.any(String),
      bssid: expect.any(String),
    });
    expect(battery.status['lastSeen']).toBe(new Date(NOW - HOUR).toISOString().replace('.000', ''));
  });

  it('renames a device in every home that lists it', () => {
    const { scenario, main, cabin } = setUp();

    scenario.renameDevice('car', 'No name');

    const car = scenario.deviceId('car');
    expect(scenario.devices(cabin, NOW)?.find((d) => d.id === car)?.info['name']).toBe('No name');
    expect(scenario.device(main, car, NOW)?.info['name']).toBe('No name');
  });

  it('hands out payloads a caller may mutate without touching the scenario', () => {
    const { scenario, main } = setUp();
    const charger = scenario.deviceId('charger');

    const first = detailOf(scenario, main, charger, NOW);
    first.capabilities.length = 0;
    (first['vendorSync'] as { state: string }).state = 'broken';

    const again = detailOf(scenario, main, charger, NOW);
    expect(again.capabilities).toHaveLength(5);
    expect(again['vendorSync']).toEqual({ state: 'ok', intervalSeconds: 900 });
  });

  it.each<[string, (scenario: Scenario) => unknown, string]>([
    [
      'an unknown device',
      (s) => {
        s.renameDevice('nope', 'x');
      },
      'no device "nope"',
    ],
    [
      'an unknown capability',
      (s) => {
        s.overrideCapability('car', 'temp.current', 1);
      },
      'device "car" has no capability "temp.current"',
    ],
    [
      'a duplicate key',
      (s) => s.addDevice({ kind: 'vehicle', key: 'car', homes: ['main'] }),
      'a device with key "car" exists already',
    ],
    [
      'an unknown home',
      (s) => {
        s.removeHome('attic');
      },
      'no home "attic"',
    ],
  ])('rejects %s with a precise error', (_label, change, message) => {
    const { scenario } = setUp();

    expect(() => change(scenario)).toThrow(RangeError);
    expect(() => change(scenario)).toThrow(message);
  });
});
