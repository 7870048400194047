/**
 * Home-Assistant-style entities: what a hub shows for one capability or attribute.
 * Descriptions change rarely (a rename, a firmware update); states change every poll.
 */

/** `enum_sensor`: a sensor whose state is one of `options`. */
export type EntityPlatform = 'sensor' | 'binary_sensor' | 'enum_sensor';

/**
 * Home Assistant's state classes. `total` with `resetsEvery` for counters that start again
 * each hour, day, week, month or year (Tibber's `energyFlow.*`); `total_increasing` only
 * for lifetime counters, since a reset of one corrupts long-term statistics.
 */
export type StateClass = 'measurement' | 'total' | 'total_increasing';

export type ResetPeriod = 'hour' | 'day' | 'week' | 'month' | 'year';

/** What an entity is made from. */
export interface EntitySource {
  readonly kind: 'capability' | 'attribute';
  /** The capability or attribute id, as the wire has it. */
  readonly id: string;
}

export interface EntityDescription {
  /** `<externalId>_<capabilityId>`: stable across renames and restarts. */
  readonly uniqueId: string;
  readonly deviceId: string;
  readonly source: EntitySource;
  readonly platform: EntityPlatform;
  /** The capability's display name, e.g. `State of charge`. */
  readonly name: string;
  /** A Home Assistant device class (`battery`, `power`, `energy`, `distance`, …). */
  readonly deviceClass?: string;
  /** After normalisation: `km` for a range sent in metres, `%` for a 0–1 ratio. */
  readonly unit?: string;
  readonly displayPrecision?: number;
  readonly stateClass?: StateClass;
  /** For `total`: when the counter starts again from zero. */
  readonly resetsEvery?: ResetPeriod;
  /** Diagnostics: attributes, connectivity and radio values; never the device's state. */
  readonly entityCategory?: 'diagnostic';
  /** For `enum_sensor`: every state it can take. */
  readonly options?: readonly string[];
  /** False for entities most users will not want on a dashboard (e.g. 70 counters). */
  readonly enabledByDefault: boolean;
}

/** An entity's state now; `value` in the description's unit, `null` for unknown. */
export interface EntityState {
  readonly uniqueId: string;
  readonly value: string | number | boolean | null;
  readonly available: boolean;
  /**
   * For a counter that resets (`resetsEvery`): when its current period began, ISO 8601 with
   * the home's offset. Without it a hub's statistics would read a reset as negative energy.
   */
  readonly lastReset?: string;
}

/** The device an entity belongs to, as a hub's device registry wants it. */
export interface EntityDevice {
  readonly deviceId: string;
  /** The vendor's id (a VIN, a serial): stable, and kept out of names and logs. */
  readonly externalId: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly model?: string;
  /** The first home that lists the device. */
  readonly homeId: string;
}
