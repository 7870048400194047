import { describe, expect, it } from 'vitest';

import type { HistoryResolution } from '../../../src/testing/scenario/index.js';
import { ScenarioBuilder } from '../../../src/testing/scenario/index.js';
import { DAY, detailOf, HOUR, MINUTE, numberOf } from './payloads.js';

const scenario = new ScenarioBuilder({ seed: 5 })
  .home('oslo', { name: 'Oslo', nameAt: 'info', timeZone: 'Europe/Oslo' })
  .home('new-york', { name: 'New York', timeZone: 'America/New_York', latitude: 40.7 })
  .vehicle('car', { homes: ['oslo', 'new-york'] })
  .charger('charger', { homes: ['oslo'], chargesVehicle: 'car' })
  .battery('battery', { homes: ['oslo'] })
  .thermostat('thermostat', { homes: ['oslo'] })
  .inverter('solar', { homes: ['oslo'] })
  .build();

const oslo = scenario.homeId('oslo');
const at = (iso: string): number => Date.parse(iso);
const history = (key: string, resolution: HistoryResolution, from: string, to: string) =>
  scenario.history(oslo, scenario.deviceId(key), resolution, at(from), at(to)) ?? [];

describe('history', () => {
  it.each([
    ['quarterHour', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 92],
    ['hour', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
    ['hour', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    ['quarterHour', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 100],
    ['hour', '2026-06-09T22:00:00Z', '2026-06-10T22:00:00Z', 24],
    ['day', '2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z', 7],
    ['month', '2025-12-31T23:00:00Z', '2026-12-31T23:00:00Z', 12],
  ] as const)('gives %s points from %s to %s: %i', (resolution, from, to, count) => {
    expect(history('battery', resolution, from, to)).toHaveLength(count);
  });

  it('writes times with the home offset, across the change to summer time', () => {
    const days = history('battery', 'day', '2026-03-27T23:00:00Z', '2026-03-31T22:00:00Z');
    const hours = history('battery', 'hour', '2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z');

    expect(days.map((point) => point.time)).toEqual([
      '2026-03-28T00:00:00+01:00',
      '2026-03-29T00:00:00+01:00',
      '2026-03-30T00:00:00+02:00',
      '2026-03-31T00:00:00+02:00',
    ]);
    expect(hours.map((point) => point.time)).toEqual([
      '2026-03-29T01:00:00+01:00',
      '2026-03-29T03:00:00+02:00',
    ]);
  });

  it('takes period boundaries in the zone of the home asked about', () => {
    const car = scenario.deviceId('car');
    const from = at('2026-01-10T00:00:00Z');
    const to = at('2026-01-12T12:00:00Z');
    const newYork = scenario.history(scenario.homeId('new-york'), car, 'day', from, to) ?? [];

    expect(newYork.map((point) => point.time)).toEqual([
      '2026-01-10T00:00:00-05:00',
      '2026-01-11T00:00:00-05:00',
    ]);
  });

  it('returns only closed periods starting in the window', () => {
    const points = history('battery', 'hour', '2026-06-10T10:20:00Z', '2026-06-10T13:40:00Z');

    expect(points.map((point) => point.time)).toEqual([
      '2026-06-10T13:00:00+02:00',
      '2026-06-10T14:00:00+02:00',
    ]);
  });

  it('shapes data per kind', () => {
    const window = ['2026-06-10T08:00:00Z', '2026-06-10T09:00:00Z'] as const;
    const battery = history('battery', 'hour', ...window)[0]?.data;

    expect(Object.keys(battery ?? {})).toEqual(['battery', 'grid', 'load', 'solar']);
    expect(battery?.['battery']).toEqual({
      charged: expect.any(Number),
      discharged: expect.any(Number),
      source: { grid: expect.any(Number), solar: expect.any(Number) },
    });
    expect(history('car', 'hour', ...window)[0]?.data).toEqual({
      storage: { stateOfCharge: expect.any(Number) },
      range: { remaining: expect.any(Number) },
    });
    expect(history('charger', 'hour', ...window)[0]?.data).toEqual({
      charging: { energy: expect.any(Number) },
    });
    expect(history('thermostat', 'hour', ...window)[0]?.data).toEqual({
      temp: { current: expect.any(Number), setpoint: expect.any(Number) },
    });
    expect(history('solar', 'hour', ...window)[0]?.data).toEqual({
      solar: { produced: expect.any(Number) },
      grid: { exported: expect.any(Number) },
    });
  });

  it('agrees with itself across resolutions and with the counters', () => {
    const window = ['2026-06-10T10:00:00Z', '2026-06-10T11:00:00Z'] as const;
    const quarters = history('battery', 'quarterHour', ...window);
    const hour = history('battery', 'hour', ...window)[0];
    const load = (data: unknown): number =>
      (data as { load: { consumed: number } }).load.consumed;
    const counterAtHourEnd = numberOf(
      detailOf(scenario, oslo, scenario.deviceId('battery'), at('2026-06-10T10:59:00Z')),
      'energyFlow.hour.load.consumed',
    );

    const summed = quarters.reduce((sum, point) => sum + load(point.data), 0);
    expect(Math.abs(summed - load(hour?.data))).toBeLessThanOrEqual(2);
    expect(load(hour?.data)).toBeGreaterThan(counterAtHourEnd);
    expect(load(hour?.data) - counterAtHourEnd).toBeLessThan(150);
  });

  it('gives the car what it last reported before each period closed', () => {
    const car = scenario.deviceId('car');
    const points = history('car', 'hour', '2026-06-10T00:00:00Z', '2026-06-11T00:00:00Z');

    expect(points).toHaveLength(24);
    for (const point of points) {
      const endMs = Date.parse(point.time) + HOUR;
      const detail = detailOf(scenario, oslo, car, endMs - 1);
      expect(point.data['storage']).toEqual({
        stateOfCharge: numberOf(detail, 'storage.stateOfCharge'),
      });
    }
  });

  it('delivers charger energy only in hours the car charged', () => {
    const points = history('charger', 'hour', '2026-06-01T00:00:00Z', '2026-06-08T00:00:00Z');
    const energies = points.map((point) => (point.data['charging'] as { energy: number }).energy);

    expect(energies.filter((energy) => energy > 0).length).toBeGreaterThan(3);
    expect(energies.filter((energy) => energy === 0).length).toBeGreaterThan(100);
    expect(Math.max(...energies)).toBeLessThanOrEqual(11_000);
  });

  it('returns nothing for a resolution the device does not support', () => {
    expect(history('thermostat', 'month', '2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z')).toEqual(
      [],
    );
  });

  it('stops where the device went offline', () => {
    const offline = new ScenarioBuilder({ seed: 5 })
      .home('oslo', { name: 'Oslo', timeZone: 'Europe/Oslo' })
      .battery('battery', { homes: ['oslo'] })
      .build();
    const from = at('2026-06-10T00:00:00Z');
    offline.setOffline('battery', from + 5 * HOUR + 30 * MINUTE);

    const battery = offline.deviceId('battery');
    const points = offline.history(offline.homeId('oslo'), battery, 'hour', from, from + DAY);

    expect(points).toHaveLength(5);
  });
});
