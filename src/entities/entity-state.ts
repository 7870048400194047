import type { DeviceAttribute, DeviceCapability, JsonValue } from '../models/index.js';
import { isConnectivityValue } from './describe-entity.js';
import type { EntityDescription, EntitySource, EntityState } from './entity.js';
import { convertUnit } from './entity-catalog.js';

type StateValue = EntityState['value'];

/**
 * A capability's state in its entity's unit, at full precision: `displayPrecision` is for
 * showing it, not for storing it. `null` stays `null`; `available` is the caller's to say.
 */
export function capabilityState(
  description: EntityDescription,
  capability: DeviceCapability,
  available: boolean,
): EntityState {
  assertDescribes(description, { kind: 'capability', id: capability.capabilityId });

  return {
    uniqueId: description.uniqueId,
    value: capabilityValue(description, capability),
    available,
  };
}

/**
 * An attribute's state: a connectivity shape shows its `status`, unknown when blank (the
 * model gives a connectivity shape without one, and a `null` value, an empty status).
 */
export function attributeState(
  description: EntityDescription,
  attribute: DeviceAttribute,
  available: boolean,
): EntityState {
  assertDescribes(description, { kind: 'attribute', id: attribute.attributeId });

  return {
    uniqueId: description.uniqueId,
    value: attributeValue(description, attribute.value),
    available,
  };
}

/**
 * A number in another unit than the entity's is converted; one that cannot be (the vendor
 * changed the unit since the description was made) is unknown rather than wrong.
 */
function capabilityValue(description: EntityDescription, capability: DeviceCapability): StateValue {
  const { value } = capability;
  if (value === null) return null;

  switch (description.platform) {
    case 'binary_sensor':
      return binaryValue(value);
    case 'enum_sensor':
      return enumValue(description, value);
    case 'sensor':
      return typeof value === 'number'
        ? convertUnit(value, capability.unit, description.unit) ?? null
        : value;
  }
}

function attributeValue(description: EntityDescription, value: JsonValue): StateValue {
  if (value === null) return null;

  switch (description.platform) {
    case 'binary_sensor':
      return binaryValue(value);
    case 'enum_sensor':
      return enumValue(description, value);
    case 'sensor':
      if (isConnectivityValue(value)) return value.status.trim() === '' ? null : value.status;
      return typeof value === 'object' ? null : value;
  }
}

const BINARY_VALUES: ReadonlyMap<string, boolean> = new Map([
  ['on', true],
  ['true', true],
  ['off', false],
  ['false', false],
]);

/** `on`/`off` in any case, `true`/`false` as booleans or text; anything else is unknown. */
function binaryValue(value: JsonValue): boolean | null {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' ? BINARY_VALUES.get(value.trim().toLowerCase()) ?? null : null;
}

/** A value outside `options` is unknown: a hub rejects an enum state it was not told of. */
function enumValue(description: EntityDescription, value: JsonValue): string | null {
  return typeof value === 'string' && (description.options ?? []).includes(value) ? value : null;
}

/** A state computed from another item than the one described would go to the wrong entity. */
function assertDescribes(description: EntityDescription, source: EntitySource): void {
  const { kind, id } = description.source;
  if (kind !== source.kind || id !== source.id) {
    throw new TypeError(
      `the description of ${kind} ${JSON.stringify(id)} was given the ` +
        `${source.kind} ${JSON.stringify(source.id)}`,
    );
  }
}
