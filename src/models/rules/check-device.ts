import type { MappingContext } from '../mapping-context.js';
import { parseIsoInstant } from '../time.js';
import { isDeviceType } from '../tibber-device.js';
import type { TibberDevice } from '../tibber-device.js';
import { ruleViolation } from '../validation-rules.js';

type DeviceFacts = Pick<TibberDevice, 'deviceId' | 'homeId' | 'deviceType' | 'lastSeen'>;

/**
 * The device rules of the original design, except that the id is opaque and non-empty
 * rather than a UUID: the wire's device id is base64url. `itemRef` names the device when
 * its id cannot (an empty id in a list).
 */
export function checkDevice(
  device: DeviceFacts,
  context: Pick<MappingContext, 'knownHomeIds'>,
  itemRef: string = device.deviceId,
): void {
  if (device.deviceId.trim() === '') {
    throw ruleViolation('device', itemRef, 'device_id_non_empty', 'the device id is empty');
  }
  if (context.knownHomeIds !== undefined && !context.knownHomeIds.has(device.homeId)) {
    throw ruleViolation('device', itemRef, 'device_home_exists',
      `home ${JSON.stringify(device.homeId)} is not a known home`);
  }
  if (!isDeviceType(device.deviceType)) {
    throw ruleViolation('device', itemRef, 'device_type_enumeration',
      `${JSON.stringify(device.deviceType)} is not a device type`);
  }
  if (device.lastSeen !== undefined && parseIsoInstant(device.lastSeen) === undefined) {
    throw ruleViolation('device', itemRef, 'device_last_seen_iso8601',
      `lastSeen ${JSON.stringify(device.lastSeen)} is not an ISO 8601 date-time`);
  }
}
