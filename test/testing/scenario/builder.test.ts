import { describe, expect, it } from 'vitest';

import { mulberry32, ScenarioBuilder } from '../../../src/testing/scenario/index.js';
import { detailOf } from './payloads.js';

const NOW = Date.UTC(2026, 4, 2, 8, 0, 0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const withHome = () =>
  new ScenarioBuilder({ seed: 8 }).home('h', { name: 'Home', timeZone: 'Europe/Oslo' });

describe('ScenarioBuilder', () => {
  it('takes explicit ids, names and history settings as given', () => {
    const scenario = withHome()
      .user({ sub: 'user-1', name: 'Ola', email: 'ola@example.com' })
      .home('cabin', { id: '7ea61717-e440-4067-94f3-b4d59110d259', name: 'Cabin', timeZone: 'UTC' })
      .vehicle('car', {
        homes: ['h'],
        id: 'dm9sa3N3YWdlbiB2ZWhpY2xlOjEyMw',
        externalId: 'WVWZZZ00000000001',
        historyResolutions: [],
        retentionDays: null,
      })
      .build();

    const car = detailOf(scenario, scenario.homeId('h'), 'dm9sa3N3YWdlbiB2ZWhpY2xlOjEyMw', NOW);
    expect(scenario.user).toEqual({ sub: 'user-1', name: 'Ola', email: 'ola@example.com' });
    expect(scenario.homeId('cabin')).toBe('7ea61717-e440-4067-94f3-b4d59110d259');
    expect(car.externalId).toBe('WVWZZZ00000000001');
    expect(car.supportedHistory).toEqual({ resolutions: [] });
    const home = scenario.homeId('h');
    expect(scenario.history(home, car.id, 'hour', NOW - 86_400_000, NOW)).toEqual([]);
    expect(scenario.historyRetentionDays(scenario.homeId('h'), car.id)).toBeUndefined();
  });

  it('draws a user and home ids from the seed when none are given', () => {
    const scenario = withHome().build();

    expect(scenario.user.sub).toMatch(UUID);
    expect(scenario.user.email).toBe('kari.nordmann@example.com');
    expect(scenario.homeId('h')).toMatch(UUID);
  });

  it('lets a charger follow a car declared after it', () => {
    const scenario = withHome()
      .charger('charger', { homes: ['h'], chargesVehicle: 'car' })
      .vehicle('car', { homes: ['h'] })
      .build();

    expect(scenario.devices(scenario.homeId('h'), NOW)).toHaveLength(2);
  });

  it.each<[string, (builder: ScenarioBuilder) => ScenarioBuilder, string]>([
    [
      'an unknown time zone',
      (b) => b.home('x', { name: 'X', timeZone: 'Mars/Olympus' }),
      'home "x" has an unknown time zone "Mars/Olympus"',
    ],
    [
      'a charger of an unknown car',
      (b) => b.charger('c', { homes: ['h'], chargesVehicle: 'ghost' }),
      'charger "c" charges unknown vehicle "ghost"',
    ],
    ['a device without a home', (b) => b.thermostat('t', { homes: [] }), 'device "t" needs a home'],
    [
      'a device in an unknown home',
      (b) => b.thermostat('t', { homes: ['attic'] }),
      'no home "attic"',
    ],
    [
      'an impossible charge target',
      (b) => b.vehicle('v', { homes: ['h'], targetStateOfCharge: 120 }),
      'targetStateOfCharge of "v" must be above 20 and at most 100',
    ],
    [
      'a negative capacity',
      (b) => b.battery('b', { homes: ['h'], capacityWh: -1 }),
      'capacityWh must be a positive number, got -1',
    ],
    [
      'a fractional capability count',
      (b) => b.inverter('i', { homes: ['h'], capabilityCount: 2.5 }),
      'capabilityCount must be a non-negative integer, got 2.5',
    ],
    [
      'two homes with one key',
      (b) => b.home('h', { name: 'Again', timeZone: 'UTC' }),
      'a home with key "h"',
    ],
  ])('rejects %s with a precise error', (_label, add, message) => {
    const build = () => add(withHome()).build();

    expect(build).toThrow(RangeError);
    expect(build).toThrow(message);
  });

  it('rejects a seed that is not an integer', () => {
    expect(() => new ScenarioBuilder({ seed: 0.5 })).toThrow('seed must be an integer, got 0.5');
  });
});

describe('mulberry32', () => {
  it('draws the reference sequence, so scenarios stay the same across versions', () => {
    const random = mulberry32(1);

    expect([random(), random(), random()]).toEqual([
      0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
    ]);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const random = mulberry32(123);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      buckets[Math.floor(value * 10)]!++;
    }

    expect(Math.min(...buckets)).toBeGreaterThan(900);
    expect(Math.max(...buckets)).toBeLessThan(1_100);
  });
});
