import type { CapabilityDescriptor } from './capability.js';
import type { DeviceBehaviour } from './device-kind.js';
import type { EnergyLedger } from './energy-ledger.js';
import type { EnergyFlow } from './energy-flows.js';
import { nestedFlows } from './energy-flows.js';
import { UNIT_SOLAR_PEAK_W } from './energy-site.js';
import { periodicReportMs } from './report-cadence.js';
import {
  counterCapabilities,
  counterReadings,
  flowsAt,
  powerCapabilities,
  powerReadings,
} from './site-readings.js';
import type { PowerFlowSide } from './site-readings.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';
import { MINUTE_MS } from './zone-time.js';

/**
 * A solar inverter on a site without storage: what the panels produce, what the home
 * draws and what goes to or comes from the grid. Reports every five minutes on the five.
 */

export interface InverterParams {
  readonly ledger: EnergyLedger;
  readonly zone: string;
  readonly solarPeakW: number;
  readonly seed: number;
  readonly serialNumber: string;
}

const SIDES: readonly PowerFlowSide[] = ['solar', 'grid', 'load'];
const FLOWS: readonly EnergyFlow[] = ['solar.produced', 'grid.exported'];

const CAPABILITIES: readonly CapabilityDescriptor[] = [
  ...powerCapabilities(SIDES),
  ...counterCapabilities(FLOWS),
];

export class InverterBehaviour implements DeviceBehaviour {
  readonly kind = 'inverter';
  readonly capabilities = CAPABILITIES;
  readonly defaultResolutions: readonly HistoryResolution[] = ['hour', 'day', 'month'];
  readonly defaultRetentionDays = 365;
  readonly #params: InverterParams;
  readonly #size: number;

  constructor(params: InverterParams) {
    this.#params = params;
    this.#size = params.solarPeakW / UNIT_SOLAR_PEAK_W;
  }

  reportedAt(nowMs: number): number {
    return periodicReportMs(nowMs, 5 * MINUTE_MS, 0, this.#params.seed);
  }

  valuesAt(reportMs: number): WireJson[] {
    const { ledger, zone } = this.#params;
    return [
      ...powerReadings(flowsAt(ledger, reportMs), this.#size, SIDES),
      ...counterReadings(ledger, zone, reportMs, this.#size, FLOWS),
    ];
  }

  attributes(isOnline: boolean): WireJsonObject[] {
    return [
      { id: 'serialNumber', value: this.#params.serialNumber },
      { id: 'isOnline', value: isOnline },
    ];
  }

  historyData(startMs: number, endMs: number): WireJsonObject {
    const energy = this.#params.ledger.between(startMs, endMs).map((wh) => wh * this.#size);
    return nestedFlows(energy, FLOWS);
  }
}
