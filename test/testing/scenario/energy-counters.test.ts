import { describe, expect, it } from 'vitest';

import { ScenarioBuilder } from '../../../src/testing/scenario/index.js';
import { detailOf, HOUR, MINUTE, numberOf } from './payloads.js';

const scenario = new ScenarioBuilder({ seed: 11 })
  .home('oslo', { name: 'Oslo', timeZone: 'Europe/Oslo' })
  .home('new-york', { name: 'New York', timeZone: 'America/New_York', latitude: 40.7 })
  .battery('battery', { homes: ['oslo'], capacityWh: 13_500 })
  .battery('us-battery', { homes: ['new-york'] })
  .inverter('solar', { homes: ['oslo'] })
  .build();

const oslo = scenario.homeId('oslo');
const at = (iso: string): number => Date.parse(iso);
const counter = (unit: string, ms: number, flow = 'load.consumed', key = 'battery'): number => {
  const home = key === 'us-battery' ? scenario.homeId('new-york') : oslo;
  const detail = detailOf(scenario, home, scenario.deviceId(key), ms);
  return numberOf(detail, `energyFlow.${unit}.${flow}`);
};

describe('energy counters', () => {
  it.each([
    ['an hour, before the spring jump', 'hour', '2026-03-29T00:00:00Z'],
    ['an hour, just after the spring jump (03:00+02:00)', 'hour', '2026-03-29T01:00:00Z'],
    ['the 23-hour day of 29 March', 'day', '2026-03-28T23:00:00Z'],
    ['the day after it', 'day', '2026-03-29T22:00:00Z'],
    ['the week (Monday 30 March)', 'week', '2026-03-29T22:00:00Z'],
    ['the month (1 April, summer time)', 'month', '2026-03-31T22:00:00Z'],
    ['the 25-hour day of 25 October', 'day', '2026-10-24T22:00:00Z'],
    ['the day after it', 'day', '2026-10-25T23:00:00Z'],
    ['the year (1 January, winter time)', 'year', '2025-12-31T23:00:00Z'],
  ])('reset exactly when %s begins in Oslo', (_label, unit, boundary) => {
    const boundaryMs = at(boundary);

    expect(counter(unit, boundaryMs - MINUTE)).toBeGreaterThan(0);
    expect(counter(unit, boundaryMs)).toBe(0);
    expect(counter(unit, boundaryMs + MINUTE)).toBeGreaterThan(0);
  });

  it('does not reset 24 hours into a 23- or 25-hour day', () => {
    const springDayStart = at('2026-03-28T23:00:00Z');
    const autumnDayStart = at('2026-10-24T22:00:00Z');

    // 24 h after the short day began, the next day is an hour old.
    expect(counter('day', springDayStart + 24 * HOUR)).toBeGreaterThan(0);
    expect(counter('day', springDayStart + 23 * HOUR)).toBe(0);
    // 24 h into the long day it still has an hour to go.
    const before = counter('day', autumnDayStart + 24 * HOUR - MINUTE);
    expect(counter('day', autumnDayStart + 24 * HOUR)).toBeGreaterThan(before);
    expect(counter('day', autumnDayStart + 25 * HOUR)).toBe(0);
  });

  it('resets at local midnight in the home own zone, not in UTC', () => {
    const newYorkMidnight = at('2026-01-15T05:00:00Z');

    const newYork = (ms: number): number => counter('day', ms, 'load.consumed', 'us-battery');

    expect(newYork(newYorkMidnight)).toBe(0);
    expect(newYork(at('2026-01-15T00:00:00Z'))).toBeGreaterThan(0);
  });

  it('never decreases within a period: 100 quarter hours of the 25-hour day', () => {
    const startMs = at('2026-10-24T22:00:00Z');
    const readings: number[] = [];
    for (let ms = startMs; ms < startMs + 25 * HOUR; ms += 15 * MINUTE) {
      readings.push(counter('day', ms, 'solar.produced'));
    }

    expect(readings).toHaveLength(100);
    expect(readings).toEqual([...readings].sort((a, b) => a - b));
    expect(readings.at(-1)).toBeGreaterThan(0);
  });

  it('adds up: battery, grid and solar serve the load; imports feed load and battery', () => {
    const ms = at('2026-06-10T15:37:00Z');
    const day = (flow: string): number => counter('day', ms, flow);

    const served = day('load.source.battery') + day('load.source.grid') + day('load.source.solar');
    expect(Math.abs(day('load.consumed') - served)).toBeLessThanOrEqual(2);
    const imported = day('load.source.grid') + day('battery.source.grid');
    expect(Math.abs(day('grid.imported') - imported)).toBeLessThanOrEqual(2);
    expect(day('solar.produced')).toBeGreaterThan(0);
  });

  it('moves the stored energy by what the counters say went in and out', () => {
    const detailAt = (ms: number) => detailOf(scenario, oslo, scenario.deviceId('battery'), ms);
    const fromMs = at('2026-06-10T05:00:00Z');
    const toMs = at('2026-06-10T14:00:00Z');
    const net = (ms: number): number =>
      counter('day', ms, 'battery.charged') - counter('day', ms, 'battery.discharged');

    const stored = numberOf(detailAt(toMs), 'storage.availableEnergy');
    const storedBefore = numberOf(detailAt(fromMs), 'storage.availableEnergy');
    expect(Math.abs(stored - storedBefore - (net(toMs) - net(fromMs)))).toBeLessThanOrEqual(6);
    expect(numberOf(detailAt(toMs), 'storage.stateOfCharge')).toBeCloseTo(
      (stored / 13_500) * 100,
      0,
    );
  });

  it('follows daylight: no solar at night, some around noon, more in June than December', () => {
    const solar = scenario.deviceId('solar');
    const solarPower = (iso: string): number =>
      numberOf(detailOf(scenario, oslo, solar, at(iso)), 'powerFlow.solar.power');
    const produced = (iso: string): number => counter('month', at(iso), 'solar.produced', 'solar');

    expect(solarPower('2026-06-10T00:30:00Z')).toBe(0);
    expect(solarPower('2026-12-10T20:00:00Z')).toBe(0);
    expect(solarPower('2026-06-10T11:00:00Z')).toBeGreaterThan(0);
    expect(produced('2026-06-30T21:00:00Z')).toBeGreaterThan(3 * produced('2026-12-31T22:00:00Z'));
  });
});
