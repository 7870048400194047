import { describe, expect, it } from 'vitest';

import { createDemoScenario, ScenarioBuilder } from '../../../src/testing/scenario/index.js';
import {
  DAY,
  detailOf,
  HOUR,
  lastSeenOf,
  MINUTE,
  numberOf,
  textOf,
  valueOf,
} from './payloads.js';

const START = Date.UTC(2026, 8, 7, 0, 0, 0);

const scenario = createDemoScenario();
const main = scenario.homeId('main');
const car = (ms: number) => detailOf(scenario, main, scenario.deviceId('car'), ms);
const charger = (ms: number) => detailOf(scenario, main, scenario.deviceId('charger'), ms);

describe('values that evolve with the clock', () => {
  it('raises the state of charge while the car charges, and the range with it', () => {
    let ms = START;
    while (valueOf(car(ms), 'charging.status') !== 'charging') ms += 10 * MINUTE;
    const readings: [number, number][] = [];
    while (valueOf(car(ms), 'charging.status') === 'charging') {
      expect(valueOf(car(ms), 'connector.status')).toBe('connected');
      const detail = car(ms);
      const charge = numberOf(detail, 'storage.stateOfCharge');
      readings.push([charge, numberOf(detail, 'range.remaining')]);
      ms += 10 * MINUTE;
    }

    expect(readings.length).toBeGreaterThan(2);
    const [first] = readings;
    const last = readings.at(-1);
    expect(last?.[0]).toBeGreaterThan(first?.[0] ?? Infinity);
    expect(last?.[1]).toBeGreaterThan(first?.[1] ?? Infinity);
    for (const [previous, next] of readings.slice(1).map((r, i) => [readings[i], r])) {
      expect(next?.[0]).toBeGreaterThanOrEqual(previous?.[0] ?? Infinity);
      expect(next?.[1]).toBeGreaterThanOrEqual(previous?.[1] ?? Infinity);
    }
    // 77 kWh at 180 Wh/km: range follows the charge.
    for (const [charge, range] of readings) {
      expect(Math.abs(range / 1_000 - (charge / 100) * (77_000 / 180))).toBeLessThanOrEqual(3);
    }
  });

  it('lets charging sessions come and go over a week', () => {
    const states = new Set<string>();
    let sessions = 0;
    let wasCharging = false;
    for (let ms = START; ms < START + 7 * DAY; ms += 10 * MINUTE) {
      const detail = car(ms);
      const charging = valueOf(detail, 'charging.status') === 'charging';
      states.add(`${textOf(valueOf(detail, 'connector.status'))}/${String(charging)}`);
      if (charging && !wasCharging) sessions++;
      wasCharging = charging;
    }

    expect(states).toEqual(
      new Set(['connected/true', 'connected/false', 'disconnected/false']),
    );
    expect(sessions).toBeGreaterThanOrEqual(4);
    expect(sessions).toBeLessThanOrEqual(7);
  });

  it('reports the car about every ten minutes and lastSeen never lies ahead', () => {
    for (let ms = START; ms < START + DAY; ms += 7 * MINUTE + 13_000) {
      const lastSeen = lastSeenOf(car(ms));
      expect(lastSeen).toBeLessThanOrEqual(ms);
      expect(ms - lastSeen).toBeLessThan(10 * MINUTE + 90_000);
    }
  });

  it('keeps every device lastSeen in the past and never moving back', () => {
    for (const home of scenario.homes(START)) {
      for (const device of scenario.devices(home.id, START) ?? []) {
        let previous = 0;
        for (let ms = START; ms < START + 2 * DAY; ms += 17 * MINUTE) {
          const lastSeen = textOf(detailOf(scenario, home.id, device.id, ms).status['lastSeen']);
          expect(lastSeen).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
          expect(Date.parse(lastSeen)).toBeLessThanOrEqual(ms);
          expect(Date.parse(lastSeen)).toBeGreaterThanOrEqual(previous);
          previous = Date.parse(lastSeen);
        }
      }
    }
  });

  it('hears from the charger hours apart, and at once when a session starts', () => {
    let oldest = 0;
    let ms = START;
    for (; ms < START + 2 * DAY; ms += 10 * MINUTE) {
      oldest = Math.max(oldest, ms - lastSeenOf(charger(ms)));
    }
    expect(oldest).toBeGreaterThan(HOUR);

    ms = START;
    while (valueOf(charger(ms), 'charging.status') === 'charging') ms += MINUTE;
    while (valueOf(charger(ms), 'charging.status') !== 'charging') ms += MINUTE;
    expect(valueOf(charger(ms - MINUTE), 'charging.status')).toBe('idle');
    expect(ms - lastSeenOf(charger(ms))).toBeLessThan(MINUTE);
  });

  it('brings the room toward the setpoint after the schedule changes', () => {
    const january = Date.UTC(2026, 0, 14, 5, 0, 0); // 06:00 in Oslo: comfort begins
    const thermostat = (ms: number) =>
      detailOf(scenario, main, scenario.deviceId('living-room'), ms);
    const room = (ms: number): number => numberOf(thermostat(ms), 'temp.current');

    expect(valueOf(thermostat(january), 'onOff')).toBe('on');
    expect(numberOf(thermostat(january - HOUR), 'temp.setpoint')).toBe(17);
    expect(numberOf(thermostat(january + HOUR), 'temp.setpoint')).toBe(21);
    expect(room(january - 5 * MINUTE)).toBeLessThan(18.5);
    expect(room(january + 4 * HOUR)).toBeGreaterThan(20.5);
    expect(room(january + 4 * HOUR)).toBeLessThan(21.5);
  });
});

describe('determinism', () => {
  const times = [START, START + 3 * HOUR + 17 * MINUTE, START + 40 * DAY];

  it('gives the same payloads for the same seed and time', () => {
    const a = createDemoScenario({ seed: 42 });
    const b = createDemoScenario({ seed: 42 });
    for (const ms of times) {
      expect(b.homes(ms)).toEqual(a.homes(ms));
      for (const home of a.homes(ms)) {
        expect(b.devices(home.id, ms)).toEqual(a.devices(home.id, ms));
        for (const device of a.devices(home.id, ms) ?? []) {
          expect(b.device(home.id, device.id, ms)).toEqual(a.device(home.id, device.id, ms));
          const window = [ms - 2 * DAY, ms] as const;
          expect(b.history(home.id, device.id, 'hour', ...window)).toEqual(
            a.history(home.id, device.id, 'hour', ...window),
          );
        }
      }
    }
  });

  it('answers a time the same whatever was asked before', () => {
    const fresh = createDemoScenario();
    const battery = scenario.deviceId('battery');
    const late = START + 90 * DAY;

    const first = fresh.device(main, battery, START);
    fresh.device(main, battery, late);
    fresh.history(main, battery, 'quarterHour', late - DAY, late);

    expect(fresh.device(main, battery, START)).toEqual(first);
  });

  it('differs for another seed', () => {
    const a = createDemoScenario({ seed: 1 });
    const b = createDemoScenario({ seed: 2 });

    expect(a.homeId('main')).not.toBe(b.homeId('main'));
    expect(a.deviceId('car')).not.toBe(b.deviceId('car'));
    const charge = (s: typeof a, ms: number): number => {
      const battery = detailOf(s, s.homeId('main'), s.deviceId('battery'), ms);
      return numberOf(battery, 'energyFlow.day.load.consumed');
    };
    expect(times.map((ms) => charge(a, ms))).not.toEqual(times.map((ms) => charge(b, ms)));
  });

  it('draws a device from its seed and key, not from the order it was added in', () => {
    const build = (order: 'car-first' | 'heater-first') => {
      const builder = new ScenarioBuilder({ seed: 3 }).home('h', {
        name: 'H',
        timeZone: 'Europe/Oslo',
      });
      return order === 'car-first'
        ? builder.vehicle('car', { homes: ['h'] }).thermostat('heater', { homes: ['h'] }).build()
        : builder.thermostat('heater', { homes: ['h'] }).vehicle('car', { homes: ['h'] }).build();
    };

    const a = build('car-first');
    const b = build('heater-first');
    expect(b.deviceId('car')).toBe(a.deviceId('car'));
    expect(b.device(b.homeId('h'), b.deviceId('heater'), START)).toEqual(
      a.device(a.homeId('h'), a.deviceId('heater'), START),
    );
  });
});
