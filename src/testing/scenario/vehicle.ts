import type { CapabilityDescriptor } from './capability.js';
import { CHARGING_STATES, CONNECTION_STATES, enumerated, measured } from './capability.js';
import type { ChargingPlan } from './charging-plan.js';
import type { DeviceBehaviour } from './device-kind.js';
import { periodicReportMs } from './report-cadence.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';
import { MINUTE_MS } from './zone-time.js';

/**
 * An electric car, reported by its maker's cloud about every ten minutes. Its range is
 * what its state of charge would drive at its usual consumption, in whole kilometres.
 */

export interface VehicleParams {
  readonly plan: ChargingPlan;
  readonly consumptionWhPerKm: number;
  readonly seed: number;
  readonly vin: string;
}

const CAPABILITIES: readonly CapabilityDescriptor[] = [
  measured('storage.stateOfCharge', 'state of charge', '%'),
  measured('storage.targetStateOfCharge', 'target state of charge', '%'),
  measured('range.remaining', 'estimated remaining driving range', 'm'),
  enumerated('connector.status', 'vehicle plug status', CONNECTION_STATES),
  enumerated('charging.status', 'vehicle charging status', CHARGING_STATES),
];

export class VehicleBehaviour implements DeviceBehaviour {
  readonly kind = 'vehicle';
  readonly capabilities = CAPABILITIES;
  readonly defaultResolutions: readonly HistoryResolution[] = ['hour', 'day'];
  readonly defaultRetentionDays = 30;
  readonly #params: VehicleParams;

  constructor(params: VehicleParams) {
    this.#params = params;
  }

  reportedAt(nowMs: number): number {
    return periodicReportMs(nowMs, 10 * MINUTE_MS, 90_000, this.#params.seed);
  }

  valuesAt(reportMs: number): WireJson[] {
    const { plan } = this.#params;
    const moment = plan.stateAt(reportMs);
    return [
      Math.round(moment.stateOfCharge),
      plan.params.targetPercent,
      this.#rangeM(moment.stateOfCharge),
      moment.isConnected ? 'connected' : 'disconnected',
      moment.isCharging ? 'charging' : 'idle',
    ];
  }

  attributes(isOnline: boolean): WireJsonObject[] {
    return [
      { id: 'vinNumber', value: this.#params.vin },
      { id: 'isOnline', value: isOnline },
    ];
  }

  /** What the car last reported before the period closed. */
  historyData(_startMs: number, endMs: number): WireJsonObject {
    const moment = this.#params.plan.stateAt(this.reportedAt(endMs - 1));
    return {
      storage: { stateOfCharge: Math.round(moment.stateOfCharge) },
      range: { remaining: this.#rangeM(moment.stateOfCharge) },
    };
  }

  #rangeM(stateOfCharge: number): number {
    const energyWh = (stateOfCharge / 100) * this.#params.plan.params.capacityWh;
    return Math.round(energyWh / this.#params.consumptionWhPerKm) * 1_000;
  }
}
