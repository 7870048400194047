import type { JsonObject, JsonValue } from './json.js';

export const ATTRIBUTE_DATA_TYPES = ['string', 'number', 'boolean', 'datetime', 'object'] as const;

export type AttributeDataType = (typeof ATTRIBUTE_DATA_TYPES)[number];

/** The connectivity shape of the wire, kept as the attribute's value (a JSON object). */
export interface ConnectivityValue extends JsonObject {
  readonly status: string;
  readonly ssid?: string;
  readonly bssid?: string;
  readonly ipAddress?: string;
}

/** Metadata of a device (original design: DeviceAttribute). */
export interface DeviceAttribute {
  /** The wire's id; unique within its device. */
  readonly attributeId: string;
  readonly deviceId: string;
  /** snake_case form of the id, e.g. `firmware_version`. */
  readonly name: string;
  readonly displayName: string;
  readonly value: JsonValue;
  readonly dataType: AttributeDataType;
  /** Derived from the device's `lastSeen`: the wire has no per-attribute timestamp. */
  readonly lastUpdated: string;
  /** Identifiers, firmware and connectivity: they never change an entity's state. */
  readonly isDiagnostic: boolean;
}
