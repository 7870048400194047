import { inferDataType, knownAttribute } from './derive/attribute-kind.js';
import { baseDisplayName } from './derive/display-names.js';
import { toSnakeCase } from './derive/words.js';
import type { ConnectivityValue, DeviceAttribute } from './device-attribute.js';
import type { JsonValue } from './json.js';
import type { MappedItem } from './map-device-items.js';
import type { MappingContext } from './mapping-context.js';
import { checkAttribute } from './rules/check-attribute.js';
import type { WireAttribute } from './wire/attribute.js';

/**
 * One wire attribute → domain attribute, checked; throws a `DataValidationError` to reject
 * it. Known attributes have a fixed data type, so a value of another type is rejected
 * rather than silently retyped; connectivity shapes become `object` values.
 */
export function mapAttribute(
  wire: WireAttribute,
  deviceId: string,
  lastUpdated: string,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): MappedItem<DeviceAttribute> {
  const known = knownAttribute(wire.id);
  const isConnectivity = wire.value === undefined;
  // `null` is a value (unknown this poll), not a connectivity shape.
  const value: JsonValue = wire.value === undefined ? connectivityValue(wire) : wire.value;
  const description = wire.description?.trim() ?? '';

  const attribute: DeviceAttribute = {
    attributeId: wire.id,
    deviceId,
    name: toSnakeCase(wire.id),
    displayName: description === '' && known !== undefined
      ? known.displayName
      : baseDisplayName(wire.id, description),
    value,
    dataType: isConnectivity ? 'object' : known?.dataType ?? inferDataType(value),
    lastUpdated,
    isDiagnostic: isConnectivity || (known?.isDiagnostic ?? false),
  };
  checkAttribute(attribute, context);
  return { item: attribute, warnings: [] };
}

function connectivityValue(wire: WireAttribute): ConnectivityValue {
  const { status = '', ssid, bssid, ipAddress } = wire;
  return {
    status,
    ...(typeof ssid === 'string' ? { ssid } : {}),
    ...(typeof bssid === 'string' ? { bssid } : {}),
    ...(typeof ipAddress === 'string' ? { ipAddress } : {}),
  };
}
