import type { z } from 'zod';

import type { MappingIssue, MappingWarning } from './mapping-issue.js';
import { asDataError } from './rejection.js';
import { ruleViolation } from './validation-rules.js';
import type { ItemKind, ValidationRule } from './validation-rules.js';
import { itemRefOf, parseItem } from './wire/parse.js';

export interface MappedItem<T> {
  readonly item: T;
  readonly warnings: readonly MappingWarning[];
}

export interface DeviceItemsSpec<W extends { readonly id: string }, T> {
  readonly items: readonly unknown[];
  readonly listName: 'capabilities' | 'attributes';
  readonly itemKind: Extract<ItemKind, 'capability' | 'attribute'>;
  readonly uniqueRule: Extract<ValidationRule, 'capability_id_unique' | 'attribute_id_unique'>;
  readonly schema: z.ZodType<W>;
  readonly deviceId: string;
  /** Derives and checks one item; throws a `DataValidationError` to reject it. */
  readonly toItem: (wire: W) => MappedItem<T>;
}

export interface DeviceItems<T> {
  readonly items: T[];
  readonly issues: MappingIssue[];
  /** Ids of every item the wire schema accepted, rejected by a rule or not. */
  readonly parsedIds: string[];
}

/**
 * Maps a device's capabilities or attributes one by one: a bad item is rejected alone, and
 * a repeated id keeps the first item and rejects the later ones.
 */
export function mapDeviceItems<W extends { readonly id: string }, T>(
  spec: DeviceItemsSpec<W, T>,
): DeviceItems<T> {
  const { itemKind, deviceId } = spec;
  const result: DeviceItems<T> = { items: [], issues: [], parsedIds: [] };
  const seen = new Set<string>();

  spec.items.forEach((raw, index) => {
    const itemRef = itemRefOf(raw, spec.listName, index);
    const path = [spec.listName, index];
    const parsed = parseItem(spec.schema, raw, itemKind, itemRef, path);
    if (!parsed.ok) {
      result.issues.push({ kind: 'rejected', itemKind, itemRef, deviceId, error: parsed.error });
      return;
    }

    try {
      if (seen.has(parsed.value.id)) {
        throw ruleViolation(itemKind, itemRef, spec.uniqueRule, 'an earlier item has this id');
      }
      seen.add(parsed.value.id);
      result.parsedIds.push(parsed.value.id);
      const mapped = spec.toItem(parsed.value);
      result.items.push(mapped.item);
      for (const warning of mapped.warnings) result.issues.push({ kind: 'warning', warning });
    } catch (error) {
      const dataError = asDataError(error);
      result.issues.push({ kind: 'rejected', itemKind, itemRef, deviceId, error: dataError });
    }
  });
  return result;
}
