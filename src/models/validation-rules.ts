import { DataValidationError } from '../shared/errors.js';

/**
 * The domain rules of the original design (original-data-model.md) plus the uniqueness
 * rules lists need, as stable names a caller may switch on. A broken rule rejects one item.
 */
export const VALIDATION_RULES = [
  'home_id_uuid',
  'home_id_unique',
  'home_display_name_non_empty',
  'home_time_zone_iana',
  'device_id_non_empty',
  'device_id_unique',
  'device_home_exists',
  'device_type_enumeration',
  'device_last_seen_iso8601',
  'capability_id_unique',
  'capability_value_within_bounds',
  'attribute_id_unique',
  'attribute_value_matches_data_type',
  'last_updated_not_future',
  'history_time_iso8601',
] as const;

export type ValidationRule = (typeof VALIDATION_RULES)[number];

export type ItemKind =
  | 'home'
  | 'device'
  | 'capability'
  | 'attribute'
  | 'history_page'
  | 'history_point';

/** The error for one broken rule, typed so that only known rule names are raised. */
export function ruleViolation(
  itemKind: ItemKind,
  itemId: string,
  rule: ValidationRule,
  detail: string,
): DataValidationError {
  return new DataValidationError(itemKind, itemId, rule, detail);
}
