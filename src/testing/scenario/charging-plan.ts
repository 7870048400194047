import { noise } from './random.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zone-time.js';

/**
 * A car's days, as a pure function of time. Each (standard-time) day it leaves in the
 * morning, drives, comes home in the late afternoon and is usually plugged in. It charges
 * at once or from a cheap hour late in the evening, up to its target, always finishing
 * before it leaves again. It skips plugging in now and then, never three days running, so
 * the state of charge at any instant depends on at most the three days before it.
 */

export interface ChargingPlanParams {
  readonly seed: number;
  readonly standardOffsetMs: number;
  readonly capacityWh: number;
  readonly chargePowerW: number;
  readonly targetPercent: number;
}

export interface VehicleMoment {
  /** Percent, unrounded. */
  readonly stateOfCharge: number;
  readonly isConnected: boolean;
  readonly isCharging: boolean;
}

interface PlanDay {
  readonly departMs: number;
  readonly returnMs: number;
  readonly plugMs: number;
  readonly usedPercent: number;
  readonly prefersCheapHours: boolean;
  readonly cheapStartMs: number;
}

// A charge must fit between plugging in (19:05 at the latest) and leaving (07:00 at the
// earliest): the plan keeps each day's need within this.
const LONGEST_CHARGE_HOURS = 11;

export class ChargingPlan {
  readonly #params: ChargingPlanParams;
  readonly #maxUsedPercent: number;
  readonly #days = new Map<number, PlanDay>();

  constructor(params: ChargingPlanParams) {
    this.#params = params;
    const chargeable = (params.chargePowerW * LONGEST_CHARGE_HOURS * 100) / params.capacityWh;
    this.#maxUsedPercent = Math.min(25, Math.min(params.targetPercent - 5, chargeable) / 3);
  }

  get params(): ChargingPlanParams {
    return this.#params;
  }

  stateAt(ms: number): VehicleMoment {
    const dayIndex = this.#dayIndexOf(ms);
    const day = this.#day(dayIndex);
    if (ms < day.departMs) return this.#evening(dayIndex - 1, ms);
    if (ms >= day.returnMs) return this.#evening(dayIndex, ms);

    const progress = (ms - day.departMs) / (day.returnMs - day.departMs);
    const departing = this.#socAtDeparture(dayIndex);
    const stateOfCharge = departing - progress * day.usedPercent;
    return { stateOfCharge, isConnected: false, isCharging: false };
  }

  /** The latest plug, unplug, charge start or charge end at or before `ms`. */
  lastChangeAtOrBefore(ms: number): number | undefined {
    let latest: number | undefined;
    const today = this.#dayIndexOf(ms);
    for (let dayIndex = today - 2; dayIndex <= today; dayIndex++) {
      if (!this.#isPlugged(dayIndex)) continue;
      const session = this.#session(dayIndex);
      const unplugMs = this.#day(dayIndex + 1).departMs;
      for (const change of [session.plugMs, session.startMs, session.endMs, unplugMs]) {
        if (change <= ms && (latest === undefined || change > latest)) latest = change;
      }
    }
    return latest;
  }

  /** Charging intervals that overlap `[fromMs, toMs)`, clipped to it. */
  chargingWithin(fromMs: number, toMs: number): [number, number][] {
    const intervals: [number, number][] = [];
    for (let day = this.#dayIndexOf(fromMs) - 1; day <= this.#dayIndexOf(toMs); day++) {
      if (!this.#isPlugged(day)) continue;
      const { startMs, endMs } = this.#session(day);
      const start = Math.max(startMs, fromMs);
      const end = Math.min(endMs, toMs);
      if (start < end) intervals.push([start, end]);
    }
    return intervals;
  }

  #evening(dayIndex: number, ms: number): VehicleMoment {
    const returning = this.#socAtReturn(dayIndex);
    const session = this.#session(dayIndex);
    if (!this.#isPlugged(dayIndex) || ms < session.plugMs) {
      return { stateOfCharge: returning, isConnected: false, isCharging: false };
    }
    if (ms < session.startMs) {
      return { stateOfCharge: returning, isConnected: true, isCharging: false };
    }
    if (ms >= session.endMs) {
      return { stateOfCharge: this.#params.targetPercent, isConnected: true, isCharging: false };
    }
    const progress = (ms - session.startMs) / (session.endMs - session.startMs);
    const stateOfCharge = returning + progress * (this.#params.targetPercent - returning);
    return { stateOfCharge, isConnected: true, isCharging: true };
  }

  #session(dayIndex: number): { plugMs: number; startMs: number; endMs: number } {
    const { capacityWh, chargePowerW, targetPercent } = this.#params;
    const day = this.#day(dayIndex);
    const neededPercent = targetPercent - this.#socAtReturn(dayIndex);
    // Whole seconds, so that every change in the plan is an instant lastSeen can show.
    const exactMs = ((neededPercent / 100) * capacityWh * HOUR_MS) / chargePowerW;
    const neededMs = Math.ceil(exactMs / 1_000) * 1_000;
    const latestStartMs = this.#day(dayIndex + 1).departMs - neededMs;
    const preferredMs = day.prefersCheapHours ? day.cheapStartMs : day.plugMs;
    const startMs = Math.max(day.plugMs, Math.min(preferredMs, latestStartMs));
    return { plugMs: day.plugMs, startMs, endMs: startMs + neededMs };
  }

  #socAtDeparture(dayIndex: number): number {
    if (this.#isPlugged(dayIndex - 1)) return this.#params.targetPercent;
    return this.#socAtReturn(dayIndex - 1);
  }

  #socAtReturn(dayIndex: number): number {
    return this.#socAtDeparture(dayIndex) - this.#day(dayIndex).usedPercent;
  }

  #isPlugged(dayIndex: number): boolean {
    const wants = (day: number): boolean => noise(this.#params.seed, day, 3) < 0.75;
    return wants(dayIndex) || (!wants(dayIndex - 1) && !wants(dayIndex - 2));
  }

  #dayIndexOf(ms: number): number {
    return Math.floor((ms + this.#params.standardOffsetMs) / DAY_MS);
  }

  #day(dayIndex: number): PlanDay {
    const cached = this.#days.get(dayIndex);
    if (cached !== undefined) return cached;

    const { seed, standardOffsetMs } = this.#params;
    const startMs = dayIndex * DAY_MS - standardOffsetMs;
    const minutes = (channel: number, span: number): number =>
      Math.floor(noise(seed, dayIndex, channel) * span) * MINUTE_MS;
    const returnMs = startMs + 16.5 * HOUR_MS + minutes(2, 150);
    const day: PlanDay = {
      departMs: startMs + 7 * HOUR_MS + minutes(1, 90),
      returnMs,
      plugMs: returnMs + 5 * MINUTE_MS,
      usedPercent: this.#maxUsedPercent * (0.2 + 0.8 * noise(seed, dayIndex, 4)),
      prefersCheapHours: noise(seed, dayIndex, 5) < 0.6,
      cheapStartMs: startMs + 22 * HOUR_MS + minutes(6, 180),
    };

    if (this.#days.size > 800) this.#days.clear();
    this.#days.set(dayIndex, day);
    return day;
  }
}
