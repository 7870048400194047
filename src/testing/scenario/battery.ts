import type { CapabilityDescriptor } from './capability.js';
import { CONNECTION_STATES, enumerated, measured, roundTo } from './capability.js';
import type { DeviceBehaviour } from './device-kind.js';
import type { EnergyLedger } from './energy-ledger.js';
import { ENERGY_FLOWS, nestedFlows } from './energy-flows.js';
import { UNIT_STORAGE_WH } from './energy-site.js';
import { noise } from './random.js';
import { periodicReportMs } from './report-cadence.js';
import {
  counterCapabilities,
  counterReadings,
  flowsAt,
  powerCapabilities,
  powerReadings,
  ratioCapabilities,
  ratioReadings,
} from './site-readings.js';
import type { PowerFlowSide } from './site-readings.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';
import { HOUR_MS, MINUTE_MS } from './zone-time.js';

/**
 * A home battery with its solar and grid meter: the device with the most capabilities
 * (about 90, 70 of them period counters). It reports every minute on the minute, so a
 * counter reads zero exactly at the instant its period begins.
 */

export interface BatteryParams {
  readonly ledger: EnergyLedger;
  /** The zone whose hours, days, weeks, months and years the counters follow. */
  readonly zone: string;
  readonly capacityWh: number;
  readonly ratedPowerW: number;
  readonly targetStateOfCharge: number;
  readonly seed: number;
  readonly serialNumber: string;
  readonly firmwareVersion: string;
  readonly network: { readonly ssid: string; readonly bssid: string; readonly ipAddress: string };
}

const RESOLUTIONS: readonly HistoryResolution[] = ['quarterHour', 'hour', 'day', 'month'];
const SIDES: readonly PowerFlowSide[] = ['battery', 'grid', 'load', 'solar'];

const CAPABILITIES: readonly CapabilityDescriptor[] = [
  measured('storage.stateOfCharge', 'state of charge', '%'),
  measured('storage.targetStateOfCharge', 'target state of charge', '%'),
  measured('storage.availableEnergy', 'available energy', 'Wh'),
  measured('storage.ratedCapacity', 'rated capacity', 'Wh'),
  measured('storage.ratedPower', 'rated power', 'W'),
  ...powerCapabilities(SIDES),
  ...ratioCapabilities(),
  ...counterCapabilities(ENERGY_FLOWS),
  measured('cellular.rssi', 'cellular signal strength', 'dBm'),
  enumerated('connectivity.wifi', 'wifi connectivity', CONNECTION_STATES),
  enumerated('connectivity.cellular', 'cellular connectivity', CONNECTION_STATES),
];

export class BatteryBehaviour implements DeviceBehaviour {
  readonly kind = 'battery';
  readonly capabilities = CAPABILITIES;
  readonly defaultResolutions: readonly HistoryResolution[] = RESOLUTIONS;
  readonly defaultRetentionDays = 365;
  readonly #params: BatteryParams;
  readonly #size: number;

  constructor(params: BatteryParams) {
    this.#params = params;
    this.#size = params.capacityWh / UNIT_STORAGE_WH;
  }

  reportedAt(nowMs: number): number {
    return periodicReportMs(nowMs, MINUTE_MS, 0, this.#params.seed);
  }

  valuesAt(reportMs: number): WireJson[] {
    const { ledger, zone, capacityWh, ratedPowerW, targetStateOfCharge, seed } = this.#params;
    const charge = ledger.site.stateOfChargeAt(reportMs);
    const flows = flowsAt(ledger, reportMs);
    const rssi = -72 + 9 * Math.sin((2 * Math.PI * reportMs) / (7 * HOUR_MS));
    const jitter = Math.floor(noise(seed, Math.floor(reportMs / MINUTE_MS), 9) * 5) - 2;
    return [
      roundTo(charge * 100, 1),
      targetStateOfCharge,
      Math.round(charge * capacityWh),
      capacityWh,
      ratedPowerW,
      ...powerReadings(flows, this.#size, SIDES),
      ...ratioReadings(flows),
      ...counterReadings(ledger, zone, reportMs, this.#size, ENERGY_FLOWS),
      Math.round(rssi) + jitter,
      'connected',
      'connected',
    ];
  }

  attributes(isOnline: boolean): WireJsonObject[] {
    const { serialNumber, firmwareVersion, network } = this.#params;
    const connectivity: WireJsonObject = isOnline
      ? { id: 'connectivity', status: 'connected', ...network }
      : { id: 'connectivity', status: 'disconnected', ssid: network.ssid, bssid: network.bssid };
    return [
      { id: 'serialNumber', value: serialNumber },
      { id: 'firmwareVersion', description: 'firmware version', value: firmwareVersion },
      connectivity,
    ];
  }

  historyData(startMs: number, endMs: number): WireJsonObject {
    const energy = this.#params.ledger.between(startMs, endMs).map((wh) => wh * this.#size);
    return nestedFlows(energy);
  }
}
