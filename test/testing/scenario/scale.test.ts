import { describe, expect, it } from 'vitest';

import { generateScaleScenario } from '../../../src/testing/scenario/index.js';
import { DAY, detailOf } from './payloads.js';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);

describe('generateScaleScenario', () => {
  // How fast is `npm run bench`'s to measure; a timed assertion here would only be noise.
  it('builds 1,000 devices of 70 capabilities each', () => {
    const scenario = generateScaleScenario({
      homes: 10,
      devicesPerHome: 100,
      capabilitiesPerDevice: 70,
      seed: 9,
    });

    const homes = scenario.homes(NOW);
    expect(homes).toHaveLength(10);
    let devices = 0;
    for (const home of homes) {
      const listed = scenario.devices(home.id, NOW) ?? [];
      expect(listed).toHaveLength(100);
      devices += listed.length;
      for (const device of listed) {
        expect(detailOf(scenario, home.id, device.id, NOW).capabilities).toHaveLength(70);
      }
    }
    expect(devices).toBe(1_000);
    expect(new Set(homes.flatMap((h) => scenario.devices(h.id, NOW)?.map((d) => d.id))).size).toBe(
      1_000,
    );
  });

  it('serves a second poll of 1,000 details, a minute on, in full', () => {
    const scenario = generateScaleScenario({
      homes: 1_000,
      devicesPerHome: 1,
      capabilitiesPerDevice: 70,
      seed: 4,
    });
    const poll = (ms: number): number[] =>
      scenario.homes(ms).flatMap((home) =>
        (scenario.devices(home.id, ms) ?? []).map(
          (device) => detailOf(scenario, home.id, device.id, ms).capabilities.length,
        ),
      );

    poll(NOW);
    const second = poll(NOW + 60_000);
    expect(second).toHaveLength(1_000);
    expect(second.every((count) => count === 70)).toBe(true);
  });

  it('cuts a kind to fewer capabilities or pads it with undocumented ones', () => {
    const few = generateScaleScenario({
      homes: 1,
      devicesPerHome: 1,
      capabilitiesPerDevice: 3,
      seed: 1,
    });
    const many = generateScaleScenario({
      homes: 1,
      devicesPerHome: 2,
      capabilitiesPerDevice: 8,
      seed: 1,
      kinds: ['vehicle', 'thermostat'],
    });
    const details = (scenario: typeof few) =>
      scenario.homes(NOW).flatMap((home) =>
        (scenario.devices(home.id, NOW) ?? []).map((d) => detailOf(scenario, home.id, d.id, NOW)),
      );

    expect(details(few)[0]?.capabilities.map((c) => c['id'])).toEqual([
      'storage.stateOfCharge',
      'storage.targetStateOfCharge',
      'storage.availableEnergy',
    ]);
    const [vehicle, thermostat] = details(many);
    expect(vehicle?.capabilities.map((c) => c['id'])).toEqual([
      'storage.stateOfCharge',
      'storage.targetStateOfCharge',
      'range.remaining',
      'connector.status',
      'charging.status',
      'vendor.metric6',
      'vendor.metric7',
      'vendor.metric8',
    ]);
    expect(vehicle?.capabilities.at(-1)).toMatchObject({ description: 'vendor metric', unit: '' });
    expect(thermostat?.capabilities).toHaveLength(8);
    const home = many.homes(NOW)[0]?.id ?? '';
    expect(many.devices(home, NOW)?.map((d) => many.requiredScope(home, d.id))).toEqual([
      'data-api-vehicles-read',
      'data-api-thermostats-read',
    ]);
  });

  it('is deterministic for its options and differs for another seed', () => {
    const options = { homes: 3, devicesPerHome: 4, capabilitiesPerDevice: 70 };
    const a = generateScaleScenario({ ...options, seed: 21 });
    const b = generateScaleScenario({ ...options, seed: 21 });
    const c = generateScaleScenario({ ...options, seed: 22 });
    const snapshot = (scenario: typeof a, ms: number) =>
      scenario.homes(ms).map((home) => ({
        home,
        devices: (scenario.devices(home.id, ms) ?? []).map((d) =>
          scenario.device(home.id, d.id, ms),
        ),
      }));

    expect(snapshot(b, NOW)).toEqual(snapshot(a, NOW));
    expect(snapshot(b, NOW + 3 * DAY)).toEqual(snapshot(a, NOW + 3 * DAY));
    expect(snapshot(c, NOW)).not.toEqual(snapshot(a, NOW));
    expect(a.homes(NOW).map((h) => [h['name'], h['info']])).toEqual([
      ['Home 1', undefined],
      [undefined, { name: 'Home 2' }],
      ['Home 3', undefined],
    ]);
  });

  it.each([
    [{ homes: 0 }, 'homes must be an integer of at least 1, got 0'],
    [{ devicesPerHome: 1.5 }, 'devicesPerHome must be an integer of at least 0, got 1.5'],
    [
      { capabilitiesPerDevice: -1 },
      'capabilitiesPerDevice must be an integer of at least 0, got -1',
    ],
    [{ kinds: [] }, 'kinds must name at least one device kind'],
  ])('rejects %o', (override, message) => {
    const options = { homes: 1, devicesPerHome: 1, capabilitiesPerDevice: 1, seed: 1, ...override };

    expect(() => generateScaleScenario(options)).toThrow(message);
  });
});
