import { humaniseId, isOnlineAttributeId } from '../models/index.js';
import type {
  ConnectivityValue,
  DeviceAttribute,
  DeviceCapability,
  JsonValue,
  TibberDevice,
} from '../models/index.js';
import { isJsonObject } from '../models/json.js';
import type { EntityDescription, EntityDevice } from './entity.js';
import { capabilityTraits } from './entity-catalog.js';
import type { EntityTraits } from './entity-catalog.js';

/** The entity of one capability: ids from the device, name from the capability, traits. */
export function describeCapability(
  device: TibberDevice,
  capability: DeviceCapability,
): EntityDescription {
  assertSameDevice(device, capability.deviceId, capability.capabilityId);

  return {
    uniqueId: entityUniqueId(device, capability.capabilityId),
    deviceId: device.deviceId,
    source: { kind: 'capability', id: capability.capabilityId },
    name: entityName(device, capability.displayName, capability.capabilityId),
    ...capabilityTraits(capability),
  };
}

/**
 * The entity of one attribute, always a diagnostic, or `undefined` for none: personal
 * identifiers (`vinNumber`, `serialNumber`) would publish themselves as the entity's state,
 * and an object other than a connectivity shape has no state to show.
 */
export function describeAttribute(
  device: TibberDevice,
  attribute: DeviceAttribute,
): EntityDescription | undefined {
  assertSameDevice(device, attribute.deviceId, attribute.attributeId);

  const traits = attributeTraits(attribute);
  if (traits === undefined) return undefined;

  return {
    uniqueId: entityUniqueId(device, attribute.attributeId),
    deviceId: device.deviceId,
    source: { kind: 'attribute', id: attribute.attributeId },
    name: entityName(device, attribute.displayName, attribute.attributeId),
    ...traits,
  };
}

/** The device as a hub's registry wants it; its name never falls back to the externalId. */
export function entityDevice(device: TibberDevice): EntityDevice {
  return {
    deviceId: device.deviceId,
    externalId: device.externalId,
    name: device.name,
    manufacturer: device.manufacturer,
    ...(device.model === undefined ? {} : { model: device.model }),
    homeId: device.homeId,
  };
}

/**
 * `<externalId>_<sourceId>`, lower-cased, every character outside `[a-z0-9_]` replaced by
 * `_`: `easee:EH123456` and `charging.current.max` give `easee_eh123456_charging_current_max`,
 * a form Home Assistant and MQTT topics accept. Lower case keeps it stable when the wire
 * changes an id's case (`isOnline`, `IsOnline`). The externalId is the key because it
 * survives renames; the device id stands in when a vendor sends an empty one.
 *
 * A unique id is a key, not a label: it may hold a VIN, so it is never shown or logged.
 */
export function entityUniqueId(
  device: Pick<TibberDevice, 'deviceId' | 'externalId'>,
  sourceId: string,
): string {
  const key = device.externalId.trim() === '' ? device.deviceId : device.externalId;
  return `${key}_${sourceId}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** Attribute ids, lower-cased, whose value identifies a person's vehicle or device. */
const PERSONAL_IDENTIFIER_IDS: ReadonlySet<string> = new Set(['vinnumber', 'serialnumber']);

/**
 * Off by default like every diagnostic, except `isOnline`: one entity per device, and the
 * answer to "why has this value not changed", since Tibber keeps serving an offline
 * device's last values.
 */
function attributeTraits(attribute: DeviceAttribute): EntityTraits | undefined {
  if (PERSONAL_IDENTIFIER_IDS.has(attribute.attributeId.toLowerCase())) return undefined;

  const diagnostic = { entityCategory: 'diagnostic', enabledByDefault: false } as const;
  if (isOnlineAttributeId(attribute.attributeId)) {
    return {
      ...diagnostic,
      platform: 'binary_sensor',
      deviceClass: 'connectivity',
      enabledByDefault: true,
    };
  }

  switch (attribute.dataType) {
    case 'boolean':
      return { ...diagnostic, platform: 'binary_sensor' };
    case 'datetime':
      return { ...diagnostic, platform: 'sensor', deviceClass: 'timestamp' };
    // Metadata, not a measurement: no state class, so a hub keeps no statistics of it.
    case 'string':
    case 'number':
      return { ...diagnostic, platform: 'sensor' };
    // The statuses a link can take are not known in advance, so not an enum: text.
    case 'object':
      return isConnectivityValue(attribute.value)
        ? { ...diagnostic, platform: 'sensor' }
        : undefined;
  }
}

export function isConnectivityValue(value: JsonValue): value is ConnectivityValue {
  return isJsonObject(value) && typeof value['status'] === 'string';
}

/**
 * The item's display name, unless it contains one of the device's identifiers (a vendor's
 * description could): then its id in words, since a name is shown everywhere.
 */
function entityName(device: TibberDevice, displayName: string, sourceId: string): string {
  const lowerName = displayName.toLowerCase();
  const isLeaking = identifiersOf(device).some((identifier) => lowerName.includes(identifier));
  return isLeaking ? humaniseId(sourceId) : displayName;
}

/** Shorter strings would match ordinary words; VINs have 17 characters, serials rarely < 6. */
const MIN_IDENTIFIER_LENGTH = 6;

/** The externalId, its part after a `vendor:` prefix, and identifier attributes, lower-cased. */
function identifiersOf(device: TibberDevice): string[] {
  const externalId = device.externalId.trim();
  const attributeValues = device.attributes
    .filter((attribute) => PERSONAL_IDENTIFIER_IDS.has(attribute.attributeId.toLowerCase()))
    .map((attribute) => attribute.value)
    .filter((value): value is string => typeof value === 'string');
  const candidates = [externalId, externalId.split(':').pop() ?? '', ...attributeValues];

  return candidates
    .map((candidate) => candidate.trim().toLowerCase())
    .filter((candidate) => candidate.length >= MIN_IDENTIFIER_LENGTH);
}

/**
 * A capability or attribute of another device would get this device's unique id. The
 * message names no device: a device id can be a VIN in base64.
 */
function assertSameDevice(device: TibberDevice, itemDeviceId: string, itemId: string): void {
  if (itemDeviceId !== device.deviceId) {
    throw new TypeError(`${JSON.stringify(itemId)} belongs to another device than the one given`);
  }
}
