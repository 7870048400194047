import { dayLengthHours, dayOfYearOf, sunHeight } from './daylight.js';
import { FLOW as FLOW_IMPORTED, FLOW_COUNT as FLOWS_IMPORTED } from './energy-flows.js';
import { noise } from './random.js';
import * as time from './zone-time.js';

/**
 * A home's energy system at unit size (5 kW of solar, a 10 kWh battery, a household's
 * load), as power per quarter hour. Devices scale it by their size; since every flow is
 * linear in size, one site serves many devices of one home.
 *
 * The battery's state of charge is drawn, not simulated: each day it rises from a morning
 * low to an afternoon high while the sun is up and falls through the evening and night to
 * the next morning's low. Its slope is the battery's power, so the charge it shows always
 * agrees with the energy its counters add up. Solar follows the sun's height at the home's
 * latitude, dimmed by each day's weather and passing clouds; the load follows the hours of
 * a household, more in winter.
 */

// Hot loops read module-local copies: transpilers may turn imported bindings into getters.
const FLOW = FLOW_IMPORTED;
const FLOW_COUNT = FLOWS_IMPORTED;
const { DAY_MS, HOUR_MS, QUARTER_HOUR_MS } = time;

export const UNIT_STORAGE_WH = 10_000;
export const UNIT_RATED_POWER_W = 5_000;
export const UNIT_SOLAR_PEAK_W = 5_000;

// A household's load by hour of the (standard) day, in watts: night, morning, evening.
const HOURLY_LOAD_W = [
  350, 300, 300, 300, 320, 400, 900, 1500, 1300, 800, 700, 700, 750, 700, 700, 800, 1200, 1900,
  2100, 1800, 1400, 1100, 700, 450,
];

export interface SiteSettings {
  readonly seed: number;
  readonly latitude: number;
  readonly standardOffsetMs: number;
  readonly hasStorage: boolean;
}

interface SiteDay {
  readonly dayOfYear: number;
  readonly riseStartMs: number;
  readonly riseEndMs: number;
  readonly fallStartMs: number;
  readonly lowSoc: number;
  readonly highSoc: number;
  readonly clearness: number;
  readonly loadFactor: number;
}

export class EnergySite {
  readonly #settings: SiteSettings;
  readonly #days = new Map<number, SiteDay>();

  constructor(settings: SiteSettings) {
    this.#settings = settings;
  }

  get hasStorage(): boolean {
    return this.#settings.hasStorage;
  }

  /** State of charge (0–1), straight between quarter hours as the counters see it. */
  stateOfChargeAt(ms: number): number {
    const slot = Math.floor(ms / QUARTER_HOUR_MS);
    const start = this.#drawnSoc(slot * QUARTER_HOUR_MS);
    const end = this.#drawnSoc((slot + 1) * QUARTER_HOUR_MS);
    return start + ((ms - slot * QUARTER_HOUR_MS) / QUARTER_HOUR_MS) * (end - start);
  }

  /** Average power of every flow during quarter hour `slot`, in watts, into `out`. */
  slotFlows(slot: number, out: Float64Array, offset = 0): void {
    const { seed, latitude, standardOffsetMs } = this.#settings;
    const middleMs = slot * QUARTER_HOUR_MS + QUARTER_HOUR_MS / 2;
    const day = this.#day(Math.floor((middleMs + standardOffsetMs) / DAY_MS));
    const solarHour = ((((middleMs + standardOffsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;

    const clouds = 0.8 + 0.2 * noise(seed, slot, 4);
    const sun = Math.max(0, sunHeight(latitude, day.dayOfYear, solarHour));
    const solar = UNIT_SOLAR_PEAK_W * sun * day.clearness * clouds;
    const hourly = HOURLY_LOAD_W[Math.floor(solarHour)] ?? 500;
    const load = hourly * day.loadFactor * (0.85 + 0.3 * noise(seed, slot, 5));
    const charging = this.#settings.hasStorage ? this.#batteryPower(slot) : 0;

    dispatch(solar, load, charging, out, offset);
  }

  #batteryPower(slot: number): number {
    const start = this.#drawnSoc(slot * QUARTER_HOUR_MS);
    const end = this.#drawnSoc((slot + 1) * QUARTER_HOUR_MS);
    return ((end - start) * UNIT_STORAGE_WH * HOUR_MS) / QUARTER_HOUR_MS;
  }

  #drawnSoc(ms: number): number {
    const standardDay = Math.floor((ms + this.#settings.standardOffsetMs) / DAY_MS);
    const day = this.#day(standardDay);
    if (ms < day.riseStartMs) {
      const previous = this.#day(standardDay - 1);
      return along(ms, previous.fallStartMs, previous.highSoc, day.riseStartMs, day.lowSoc);
    }
    if (ms < day.riseEndMs) {
      const x = (ms - day.riseStartMs) / (day.riseEndMs - day.riseStartMs);
      return day.lowSoc + (day.highSoc - day.lowSoc) * x * x * (3 - 2 * x);
    }
    if (ms < day.fallStartMs) return day.highSoc;
    const next = this.#day(standardDay + 1);
    return along(ms, day.fallStartMs, day.highSoc, next.riseStartMs, next.lowSoc);
  }

  #day(standardDay: number): SiteDay {
    const cached = this.#days.get(standardDay);
    if (cached !== undefined) return cached;

    const { seed, latitude, standardOffsetMs } = this.#settings;
    const dayOfYear = dayOfYearOf(standardDay);
    const dayLength = dayLengthHours(latitude, dayOfYear);
    const season = Math.min(1, Math.max(0.35, dayLength / 16));
    const clearness = 0.2 + 0.8 * noise(seed, standardDay, 1);
    const lowSoc = 0.08 + 0.17 * noise(seed, standardDay, 2);
    const startMs = standardDay * DAY_MS - standardOffsetMs;
    const riseStartHours = Math.min(10.5, Math.max(6.5, 13.5 - dayLength / 2));
    const day: SiteDay = {
      dayOfYear,
      riseStartMs: startMs + riseStartHours * HOUR_MS,
      riseEndMs: startMs + 15 * HOUR_MS,
      fallStartMs: startMs + 17 * HOUR_MS,
      lowSoc,
      highSoc: Math.min(0.98, lowSoc + (0.3 + 0.6 * clearness) * season),
      clearness,
      loadFactor: (0.85 + 0.35 * noise(seed, standardDay, 3)) * (1.7 - 0.7 * season),
    };

    // A bounded memo: a year of days per site is plenty for counters and history.
    if (this.#days.size > 800) this.#days.clear();
    this.#days.set(standardDay, day);
    return day;
  }
}

/**
 * Splits solar, load and battery power (positive while charging) into the flows between
 * them: solar serves the load first, the battery charges from what is left and then from
 * the grid, a discharging battery serves the load first, and the grid balances the rest.
 */
function dispatch(
  solar: number,
  load: number,
  charging: number,
  out: Float64Array,
  at: number,
): void {
  const solarToLoad = Math.min(solar, load);
  const solarLeft = solar - solarToLoad;
  const loadLeft = load - solarToLoad;
  const charge = Math.max(0, charging);
  const discharge = Math.max(0, -charging);

  const solarToBattery = Math.min(solarLeft, charge);
  const gridToBattery = charge - solarToBattery;
  const batteryToLoad = Math.min(discharge, loadLeft);
  const batteryToGrid = discharge - batteryToLoad;
  const solarToGrid = solarLeft - solarToBattery;
  const gridToLoad = loadLeft - batteryToLoad;

  out.fill(0, at, at + FLOW_COUNT);
  out[at + FLOW.batteryCharged] = charge;
  out[at + FLOW.batteryDischarged] = discharge;
  out[at + FLOW.batteryFromGrid] = gridToBattery;
  out[at + FLOW.batteryFromSolar] = solarToBattery;
  out[at + FLOW.gridImported] = gridToLoad + gridToBattery;
  out[at + FLOW.gridExported] = solarToGrid + batteryToGrid;
  out[at + FLOW.gridFromBattery] = batteryToGrid;
  out[at + FLOW.gridFromSolar] = solarToGrid;
  out[at + FLOW.loadConsumed] = load;
  out[at + FLOW.loadFromBattery] = batteryToLoad;
  out[at + FLOW.loadFromGrid] = gridToLoad;
  out[at + FLOW.loadFromSolar] = solarToLoad;
  out[at + FLOW.solarProduced] = solar;
  out[at + FLOW.solarConsumed] = solarToLoad + solarToBattery;
}

function along(ms: number, fromMs: number, from: number, toMs: number, to: number): number {
  return from + ((ms - fromMs) / (toMs - fromMs)) * (to - from);
}
