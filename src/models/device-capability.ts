/** A capability's current value; `null` when the vendor has none for this poll. */
export type CapabilityValue = number | string | boolean | null;

/** How a capability's value is to be read; `enum` values come from `availableValues`. */
export type CapabilityKind = 'numeric' | 'enum' | 'text' | 'boolean';

/** One current value of a device (original design: DeviceCapability). */
export interface DeviceCapability {
  /** The wire's dotted id, opaque; unique within its device. */
  readonly capabilityId: string;
  readonly deviceId: string;
  /** snake_case form of the id, e.g. `storage_state_of_charge`. */
  readonly name: string;
  /** From the description, capitalised; unique within the device. */
  readonly displayName: string;
  readonly value: CapabilityValue;
  readonly kind: CapabilityKind;
  /** Normalised unit (see units.ts); absent for enums; `""` is a unitless count. */
  readonly unit?: string;
  /** The unit exactly as the wire spelled it; absent for enums. */
  readonly rawUnit?: string;
  readonly availableValues?: readonly string[];
  readonly minValue?: number;
  readonly maxValue?: number;
  /** Decimal places to display. */
  readonly precision: number;
  /** Derived from the device's `lastSeen`: the wire has no per-capability timestamp. */
  readonly lastUpdated: string;
  /** Connectivity and radio values: shown as diagnostics, never as state. */
  readonly isDiagnostic: boolean;
  /** True when the wire sent a 0–1 ratio under `%` and the value was scaled to percent. */
  readonly scaledFromRatio: boolean;
}
