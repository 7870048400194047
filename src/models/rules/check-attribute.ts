import { valueMatchesDataType } from '../derive/attribute-kind.js';
import type { DeviceAttribute } from '../device-attribute.js';
import type { MappingContext } from '../mapping-context.js';
import { ruleViolation } from '../validation-rules.js';
import { checkNotFuture } from './check-not-future.js';

/** The attribute rules that concern one attribute; uniqueness is the list's business. */
export function checkAttribute(
  attribute: DeviceAttribute,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): void {
  if (!valueMatchesDataType(attribute.value, attribute.dataType)) {
    // The value itself stays out of the message: attributes hold VINs and serials.
    throw ruleViolation('attribute', attribute.attributeId, 'attribute_value_matches_data_type',
      `a ${describeJsonType(attribute.value)} value does not match data type ` +
        attribute.dataType);
  }
  checkNotFuture('attribute', attribute.attributeId, attribute.lastUpdated, context);
}

function describeJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}
