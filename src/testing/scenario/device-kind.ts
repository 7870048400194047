import type { CapabilityDescriptor } from './capability.js';
import type { HistoryResolution, WireJson, WireJsonObject } from './source.js';

export type DeviceKind = 'vehicle' | 'charger' | 'battery' | 'thermostat' | 'inverter';

export const DEVICE_KINDS: readonly DeviceKind[] = [
  'vehicle',
  'charger',
  'battery',
  'thermostat',
  'inverter',
];

/** The Data API scope without which Tibber silently leaves a device of this kind out. */
export const REQUIRED_SCOPES: Readonly<Record<DeviceKind, string>> = {
  vehicle: 'data-api-vehicles-read',
  charger: 'data-api-chargers-read',
  thermostat: 'data-api-thermostats-read',
  battery: 'data-api-energy-systems-read',
  inverter: 'data-api-inverters-read',
};

/**
 * How one device of a kind behaves over time. Every method is a pure function of its
 * arguments, so the same instant always gives the same answer.
 */
export interface DeviceBehaviour {
  readonly kind: DeviceKind;
  readonly capabilities: readonly CapabilityDescriptor[];
  readonly defaultResolutions: readonly HistoryResolution[];
  readonly defaultRetentionDays: number | undefined;

  /**
   * When the vendor last reported at or before `nowMs`: `status.lastSeen`. Values are
   * those of that report, so they change in steps of the vendor's cadence.
   */
  reportedAt(nowMs: number): number;

  /** Values as reported at `reportMs`, aligned with `capabilities`. */
  valuesAt(reportMs: number): WireJson[];

  attributes(isOnline: boolean): WireJsonObject[];

  /** The `data` of the history point for the closed period `[startMs, endMs)`. */
  historyData(startMs: number, endMs: number): WireJsonObject;
}
