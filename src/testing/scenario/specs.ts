import type { HistoryResolution, WireJsonObject } from './source.js';

/**
 * What a scenario is built from. Keys are the test's own handles for homes and devices;
 * everything else has realistic defaults drawn from the scenario's seed and the key, so
 * a device's ids and values do not depend on the order things were added in.
 */

export interface HomeSpec {
  readonly key: string;
  readonly name: string;
  /** Where the wire carries the name: `{id, name}` or `{id, info: {name}}`. Default `root`. */
  readonly nameAt?: 'root' | 'info';
  /** IANA zone of the home's clock: counters reset and history periods start in it. */
  readonly timeZone: string;
  /** Degrees north; decides daylight and solar output. Default 59.9 (Oslo). */
  readonly latitude?: number;
  /** A UUID; default drawn from the seed and key. */
  readonly id?: string;
  /** Fields the wire may add without notice, merged into the home object. */
  readonly extraFields?: WireJsonObject;
}

export interface DeviceSpecBase {
  readonly key: string;
  /** Keys or ids of the homes that list the device; vehicles may be under several. */
  readonly homes: readonly string[];
  /** Unpadded base64url; default drawn. */
  readonly id?: string;
  readonly externalId?: string;
  readonly name?: string;
  readonly brand?: string;
  /** `null` leaves `info.model` out, as some vendors do. */
  readonly model?: string | null;
  /** Default per kind; `[]` means no history (the vehicle in Tibber's own example). */
  readonly historyResolutions?: readonly HistoryResolution[];
  /** Default per kind; `null` states no limit. */
  readonly retentionDays?: number | null;
  /**
   * Trims the capability list to this many, or pads it with vendor capabilities the API
   * has not documented (`vendor.metric<n>`), for load tests.
   */
  readonly capabilityCount?: number;
  /** Fields the wire may add without notice, merged into the device's summary and detail. */
  readonly extraFields?: WireJsonObject;
}

export interface VehicleSpec extends DeviceSpecBase {
  readonly kind: 'vehicle';
  /** Default 77,000. */
  readonly capacityWh?: number;
  /** Default 180. */
  readonly consumptionWhPerKm?: number;
  /** Default 11,000. */
  readonly chargePowerW?: number;
  /** Percent; default 80. */
  readonly targetStateOfCharge?: number;
}

export interface ChargerSpec extends DeviceSpecBase {
  readonly kind: 'charger';
  /** Key of the vehicle whose sessions it follows; default a car of its own. */
  readonly chargesVehicle?: string;
  /** Default 16. */
  readonly maxCurrentA?: number;
  /** Default 6. */
  readonly offlineFallbackA?: number;
  /** Default 3. */
  readonly phaseCount?: number;
}

export interface BatterySpec extends DeviceSpecBase {
  readonly kind: 'battery';
  /** Default 10,000; solar and load scale with it. */
  readonly capacityWh?: number;
  /** Default half the capacity, in watts. */
  readonly ratedPowerW?: number;
  /** Percent; default 100. */
  readonly targetStateOfCharge?: number;
  /** Devices of one home with the same site seed share weather and habits. */
  readonly siteSeed?: number;
}

export interface ThermostatSpec extends DeviceSpecBase {
  readonly kind: 'thermostat';
  /** Default 21. */
  readonly comfortC?: number;
  /** Default 17. */
  readonly ecoC?: number;
}

export interface InverterSpec extends DeviceSpecBase {
  readonly kind: 'inverter';
  /** Default 5,000; the load scales with it. */
  readonly solarPeakW?: number;
  readonly siteSeed?: number;
}

export type DeviceSpec = VehicleSpec | ChargerSpec | BatterySpec | ThermostatSpec | InverterSpec;

/** A device spec without its kind and key, as the builder's per-kind methods take it. */
export type DeviceOptions<S extends DeviceSpec> = Omit<S, 'kind' | 'key'>;

export interface MockUserSpec {
  readonly sub?: string;
  readonly name?: string;
  readonly email?: string;
}
