import { uniqueDisplayNames } from './derive/display-names.js';
import { inferDeviceType } from './derive/device-type.js';
import { deriveLastUpdatedMs } from './derive/last-updated.js';
import { deriveOnlineEvidence, onlineSignalsOf } from './derive/online-evidence.js';
import { deepFreeze } from './freeze.js';
import { mapAttribute } from './map-attribute.js';
import { mapCapability } from './map-capability.js';
import { mapDeviceCore } from './map-device-core.js';
import { mapDeviceItems } from './map-device-items.js';
import type { DeviceAttribute } from './device-attribute.js';
import type { DeviceCapability } from './device-capability.js';
import type { MappingContext } from './mapping-context.js';
import type { MappingIssue } from './mapping-issue.js';
import { parseIsoInstant, toUtcIso } from './time.js';
import type { TibberDevice } from './tibber-device.js';
import { wireAttributeSchema } from './wire/attribute.js';
import { wireCapabilitySchema } from './wire/capability.js';
import { wireDeviceDetailSchema } from './wire/device.js';
import { parseEnvelope } from './wire/parse.js';

export interface MappedDevice {
  readonly device: TibberDevice;
  /** Capabilities and attributes left out, and warnings; the device itself is valid. */
  readonly issues: readonly MappingIssue[];
}

/**
 * `/v1/homes/{homeId}/devices/{deviceId}` → a device with its values. Throws a
 * `ResponseValidationError` when the body is not a device, and a `DataValidationError`
 * when a device rule is broken; a bad capability or attribute only leaves itself out.
 */
export function mapDeviceDetail(
  body: unknown,
  homeId: string,
  context: MappingContext,
): MappedDevice {
  const wire = parseEnvelope(wireDeviceDetailSchema, body, 'device detail response');
  const wireLastSeen = wire.status?.lastSeen;
  const lastSeenMs = wireLastSeen === null || wireLastSeen === undefined
    ? undefined
    : parseIsoInstant(wireLastSeen);
  const lastUpdated = toUtcIso(deriveLastUpdatedMs(lastSeenMs, context));

  const capabilities = mapDeviceItems({
    items: wire.capabilities ?? [],
    listName: 'capabilities',
    itemKind: 'capability',
    uniqueRule: 'capability_id_unique',
    schema: wireCapabilitySchema,
    deviceId: wire.id,
    toItem: (item) => mapCapability(item, wire.id, lastUpdated, context),
  });
  const attributes = mapDeviceItems({
    items: wire.attributes ?? [],
    listName: 'attributes',
    itemKind: 'attribute',
    uniqueRule: 'attribute_id_unique',
    schema: wireAttributeSchema,
    deviceId: wire.id,
    toItem: (item) => mapAttribute(item, wire.id, lastUpdated, context),
  });

  const inferredType = inferDeviceType(capabilities.parsedIds);
  const core = mapDeviceCore(wire, wireLastSeen, homeId, inferredType, context, wire.id);
  const named = withUniqueDisplayNames(capabilities.items, attributes.items);
  const device: TibberDevice = {
    ...core,
    ...named,
    onlineStatus: deriveOnlineEvidence(onlineSignalsOf(attributes.items, lastSeenMs), context),
  };
  return Object.freeze({
    device: deepFreeze(device),
    issues: Object.freeze(
      [...capabilities.issues, ...attributes.issues].map((issue) => Object.freeze(issue)),
    ),
  });
}

/** Every display name on a device unique, across capabilities and attributes alike. */
function withUniqueDisplayNames(
  capabilities: readonly DeviceCapability[],
  attributes: readonly DeviceAttribute[],
): Pick<TibberDevice, 'capabilities' | 'attributes'> {
  const names = uniqueDisplayNames([
    ...capabilities.map((c) => ({ id: c.capabilityId, baseName: c.displayName })),
    ...attributes.map((a) => ({ id: a.attributeId, baseName: a.displayName })),
  ]);
  // Copied only when renamed: most names are unique already, and copies cost.
  const renamed = <T extends { readonly displayName: string }>(item: T, index: number): T => {
    const name = names[index];
    return name === undefined || name === item.displayName ? item : { ...item, displayName: name };
  };

  return {
    capabilities: capabilities.map((c, i) => renamed(c, i)),
    attributes: attributes.map((a, i) => renamed(a, capabilities.length + i)),
  };
}
