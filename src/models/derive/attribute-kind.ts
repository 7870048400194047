import type { AttributeDataType } from '../device-attribute.js';
import type { JsonValue } from '../json.js';
import { parseIsoInstant } from '../time.js';

export interface KnownAttribute {
  readonly dataType: AttributeDataType;
  readonly displayName: string;
  readonly isDiagnostic: boolean;
}

/**
 * Attributes seen in the field, keyed by lower-cased id: `isOnline` has come in more than
 * one case. Identifiers and firmware describe the device, not its state: diagnostics.
 */
const KNOWN_ATTRIBUTES: ReadonlyMap<string, KnownAttribute> = new Map([
  ['isonline', { dataType: 'boolean', displayName: 'Online', isDiagnostic: true }],
  ['vinnumber', { dataType: 'string', displayName: 'VIN', isDiagnostic: true }],
  ['serialnumber', { dataType: 'string', displayName: 'Serial number', isDiagnostic: true }],
  ['firmwareversion', { dataType: 'string', displayName: 'Firmware version', isDiagnostic: true }],
]);

export function knownAttribute(id: string): KnownAttribute | undefined {
  return KNOWN_ATTRIBUTES.get(id.toLowerCase());
}

/** `isOnline` in any case: the wire's case for it has varied. */
export function isOnlineAttributeId(id: string): boolean {
  return id.toLowerCase() === 'isonline';
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * The data type a value shows: a string that is an ISO 8601 date-time is a `datetime`;
 * arrays count as `object`. A null value says nothing, so it reads as `string`.
 */
export function inferDataType(value: JsonValue): AttributeDataType {
  if (value === null) return 'string';
  if (typeof value === 'string') return isDateTime(value) ? 'datetime' : 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

/** Null matches every type: it is the absence of a value, as with capabilities. */
export function valueMatchesDataType(value: JsonValue, dataType: AttributeDataType): boolean {
  if (value === null) return true;

  switch (dataType) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return typeof value === 'string' && isDateTime(value);
    case 'object':
      return typeof value === 'object';
  }
}

function isDateTime(text: string): boolean {
  return DATE_TIME.test(text) && parseIsoInstant(text) !== undefined;
}
