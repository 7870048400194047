import type { CapabilityDescriptor } from './capability.js';
import { ON_OFF, enumerated, measured, roundTo } from './capability.js';
import { dayOfYearOf } from './daylight.js';
import type { DeviceBehaviour } from './device-kind.js';
import { noise } from './random.js';
import { periodicReportMs } from './report-cadence.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, QUARTER_HOUR_MS } from './zone-time.js';

/**
 * A room thermostat on a daily schedule: comfort from 06:00 to 22:00, eco overnight, off
 * outside the heating season (mid-May to mid-September). The room warms quickly toward
 * its setpoint and cools slowly; after three schedule changes the past no longer shows, so
 * the temperature at any instant starts from the setpoint three changes back.
 */

export interface ThermostatParams {
  readonly seed: number;
  readonly standardOffsetMs: number;
  readonly comfortC: number;
  readonly ecoC: number;
}

const COMFORT_FROM_MS = 6 * HOUR_MS;
const ECO_FROM_MS = 22 * HOUR_MS;
const WARMING_MS = 50 * MINUTE_MS;
const COOLING_MS = 4 * HOUR_MS;
const SUMMER_ROOM_C = 22.5;

const CAPABILITIES: readonly CapabilityDescriptor[] = [
  measured('temp.setpoint', 'target temperature', '°C'),
  measured('temp.current', 'current temperature', '°C'),
  measured('temp.comfort', 'comfort temperature', '°C'),
  enumerated('onOff', 'heating on or off', ON_OFF),
];

export class ThermostatBehaviour implements DeviceBehaviour {
  readonly kind = 'thermostat';
  readonly capabilities = CAPABILITIES;
  readonly defaultResolutions: readonly HistoryResolution[] = ['hour', 'day'];
  readonly defaultRetentionDays = undefined;
  readonly #params: ThermostatParams;

  constructor(params: ThermostatParams) {
    this.#params = params;
  }

  reportedAt(nowMs: number): number {
    return periodicReportMs(nowMs, 5 * MINUTE_MS, 40_000, this.#params.seed);
  }

  valuesAt(reportMs: number): WireJson[] {
    const segment = this.#segmentOf(reportMs);
    const flicker = (noise(this.#params.seed, Math.floor(reportMs / MINUTE_MS), 8) - 0.5) * 0.2;
    return [
      this.#setpointOf(segment),
      roundTo(this.#roomC(reportMs) + flicker, 1),
      this.#params.comfortC,
      this.#isHeating(segment) ? 'on' : 'off',
    ];
  }

  attributes(isOnline: boolean): WireJsonObject[] {
    return [{ id: 'isOnline', value: isOnline }];
  }

  /** Averages of quarter-hourly samples over the period. */
  historyData(startMs: number, endMs: number): WireJsonObject {
    let samples = 0;
    let room = 0;
    let setpoint = 0;
    for (let ms = startMs + QUARTER_HOUR_MS / 2; ms < endMs; ms += QUARTER_HOUR_MS) {
      samples++;
      room += this.#roomC(ms);
      setpoint += this.#setpointOf(this.#segmentOf(ms));
    }
    const average = (sum: number): number => roundTo(samples > 0 ? sum / samples : 0, 1);
    return { temp: { current: average(room), setpoint: average(setpoint) } };
  }

  #roomC(ms: number): number {
    const segment = this.#segmentOf(ms);
    let room = this.#targetOf(segment - 3);
    for (let earlier = segment - 2; earlier < segment; earlier++) {
      const lengthMs = this.#boundaryOf(earlier + 1) - this.#boundaryOf(earlier);
      room = relaxed(room, this.#targetOf(earlier), lengthMs);
    }
    return relaxed(room, this.#targetOf(segment), ms - this.#boundaryOf(segment));
  }

  /** Schedule segments alternate: even ones are comfort (day), odd ones eco (night). */
  #segmentOf(ms: number): number {
    const standardMs = ms + this.#params.standardOffsetMs;
    const day = Math.floor(standardMs / DAY_MS);
    const timeOfDay = standardMs - day * DAY_MS;
    if (timeOfDay < COMFORT_FROM_MS) return 2 * day - 1;
    return timeOfDay < ECO_FROM_MS ? 2 * day : 2 * day + 1;
  }

  #boundaryOf(segment: number): number {
    const day = Math.floor(segment / 2);
    const fromMs = segment % 2 === 0 ? COMFORT_FROM_MS : ECO_FROM_MS;
    return day * DAY_MS + fromMs - this.#params.standardOffsetMs;
  }

  #setpointOf(segment: number): number {
    return segment % 2 === 0 ? this.#params.comfortC : this.#params.ecoC;
  }

  #isHeating(segment: number): boolean {
    const dayOfYear = dayOfYearOf(Math.floor(segment / 2));
    return dayOfYear < 135 || dayOfYear > 258;
  }

  #targetOf(segment: number): number {
    return this.#isHeating(segment) ? this.#setpointOf(segment) : SUMMER_ROOM_C;
  }
}

function relaxed(fromC: number, targetC: number, elapsedMs: number): number {
  const timeConstantMs = targetC > fromC ? WARMING_MS : COOLING_MS;
  return targetC + (fromC - targetC) * Math.exp(-elapsedMs / timeConstantMs);
}
