import type { CapabilityDescriptor } from './capability.js';
import { CHARGING_STATES, CONNECTION_STATES, enumerated, measured } from './capability.js';
import type { ChargingPlan } from './charging-plan.js';
import type { DeviceBehaviour } from './device-kind.js';
import { periodicReportMs } from './report-cadence.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';
import { HOUR_MS, MINUTE_MS } from './zone-time.js';

/**
 * A wall charger. It reports when a car is plugged in or out and when charging starts or
 * stops, and otherwise only every few hours, so its lastSeen is often hours old while its
 * values are still right.
 */

export interface ChargerParams {
  /** The sessions of the car it charges. */
  readonly plan: ChargingPlan;
  readonly maxCurrentA: number;
  readonly offlineFallbackA: number;
  readonly phaseCount: number;
  readonly seed: number;
  readonly serialNumber: string;
  readonly firmwareVersion: string;
}

const HEARTBEAT_MS = 3 * HOUR_MS;

const CAPABILITIES: readonly CapabilityDescriptor[] = [
  measured('charging.current.max', 'charging current', 'A'),
  measured('charging.current.offlineFallback', 'charging current', 'A'),
  measured('grid.phaseCount', 'number of phases', ''),
  enumerated('connector.status', 'connector status', CONNECTION_STATES),
  enumerated('charging.status', 'charging status', CHARGING_STATES),
];

export class ChargerBehaviour implements DeviceBehaviour {
  readonly kind = 'charger';
  readonly capabilities = CAPABILITIES;
  readonly defaultResolutions: readonly HistoryResolution[] = ['hour', 'day', 'month'];
  readonly defaultRetentionDays = 365;
  readonly #params: ChargerParams;

  constructor(params: ChargerParams) {
    this.#params = params;
  }

  reportedAt(nowMs: number): number {
    const heartbeat = periodicReportMs(nowMs, HEARTBEAT_MS, 20 * MINUTE_MS, this.#params.seed);
    const change = this.#params.plan.lastChangeAtOrBefore(nowMs);
    return change === undefined ? heartbeat : Math.max(heartbeat, change);
  }

  valuesAt(reportMs: number): WireJson[] {
    const { plan, maxCurrentA, offlineFallbackA, phaseCount } = this.#params;
    const moment = plan.stateAt(reportMs);
    return [
      maxCurrentA,
      offlineFallbackA,
      phaseCount,
      moment.isConnected ? 'connected' : 'disconnected',
      moment.isCharging ? 'charging' : 'idle',
    ];
  }

  attributes(isOnline: boolean): WireJsonObject[] {
    const { serialNumber, firmwareVersion } = this.#params;
    return [
      { id: 'serialNumber', value: serialNumber },
      { id: 'firmwareVersion', value: firmwareVersion },
      { id: 'isOnline', value: isOnline },
    ];
  }

  /** Energy delivered in the period, in watt-hours. */
  historyData(startMs: number, endMs: number): WireJsonObject {
    const { plan } = this.#params;
    const chargingMs = plan
      .chargingWithin(startMs, endMs)
      .reduce((sum, [from, to]) => sum + (to - from), 0);
    return { charging: { energy: Math.round((chargingMs / HOUR_MS) * plan.params.chargePowerW) } };
  }
}
