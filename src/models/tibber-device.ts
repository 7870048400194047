import type { DeviceAttribute } from './device-attribute.js';
import type { DeviceCapability } from './device-capability.js';
import type { HistoryResolution } from './history-page.js';
import type { OnlineStatus } from './online-status.js';

export const DEVICE_TYPES = [
  'ev',
  'charger',
  'thermostat',
  'battery',
  'inverter',
  'heat_pump',
  'meter',
  'unknown',
] as const;

export type DeviceType = (typeof DEVICE_TYPES)[number];

export function isDeviceType(value: unknown): value is DeviceType {
  return typeof value === 'string' && (DEVICE_TYPES as readonly string[]).includes(value);
}

/** A device behind a Tibber account (original design: TibberDevice). */
export interface TibberDevice {
  /** Opaque, unpadded base64url on the wire: never a UUID, never parsed. */
  readonly deviceId: string;
  /** Vendor specific (a VIN, a serial): the stable key for entity ids, never a name. */
  readonly externalId: string;
  /** Inferred from capability ids; `unknown` for list summaries until a detail arrives. */
  readonly deviceType: DeviceType;
  readonly manufacturer: string;
  readonly model?: string;
  readonly name: string;
  readonly homeId: string;
  readonly capabilities: readonly DeviceCapability[];
  readonly attributes: readonly DeviceAttribute[];
  /** `status.lastSeen` in UTC; absent for list summaries. */
  readonly lastSeen?: string;
  /** The evidence of this response; the coordinator runs it through `nextOnlineStatus`. */
  readonly onlineStatus: OnlineStatus;
  /** Empty when the device keeps no history. */
  readonly historyResolutions: readonly HistoryResolution[];
  readonly maxRetentionDays?: number;
}
