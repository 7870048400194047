import type { DataValidationError, ResponseValidationError } from '../shared/errors.js';
import type { ItemKind } from './validation-rules.js';

/** One item left out of a mapped result; its siblings are kept. */
export interface RejectedItem {
  readonly kind: 'rejected';
  readonly itemKind: ItemKind;
  /** The item's id, or `list[index]` when it has none. */
  readonly itemRef: string;
  /** The device a capability or attribute belongs to. */
  readonly deviceId?: string;
  /** A broken domain rule, or a shape the wire schema rejects. */
  readonly error: DataValidationError | ResponseValidationError;
}

/** The unit is not on the standard list; the capability keeps it raw. */
export interface UnknownUnitWarning {
  readonly code: 'unknown_unit';
  readonly deviceId: string;
  readonly capabilityId: string;
  readonly rawUnit: string;
}

/** A capability id none of the known families has; it is kept and mapped generically. */
export interface UnknownCapabilityWarning {
  readonly code: 'unknown_capability';
  readonly deviceId: string;
  readonly capabilityId: string;
}

export type MappingWarning = UnknownUnitWarning | UnknownCapabilityWarning;

export interface WarningIssue {
  readonly kind: 'warning';
  readonly warning: MappingWarning;
}

export type MappingIssue = RejectedItem | WarningIssue;

/** What a list mapper returns: the valid items, and what was left out or noticed. */
export interface MappedList<T> {
  readonly items: readonly T[];
  readonly issues: readonly MappingIssue[];
}

/** A one-line description for a log: the item, the rule and why. */
export function describeMappingIssue(issue: MappingIssue): string {
  switch (issue.kind) {
    case 'rejected':
      return `rejected ${issue.itemKind} ${issue.itemRef}: ${issue.error.message}`;
    case 'warning':
      return describeWarning(issue.warning);
  }
}

function describeWarning(warning: MappingWarning): string {
  switch (warning.code) {
    case 'unknown_unit':
      return `capability ${warning.capabilityId} of device ${warning.deviceId} has unknown unit ` +
        JSON.stringify(warning.rawUnit);
    case 'unknown_capability':
      return `device ${warning.deviceId} has unknown capability ${warning.capabilityId}`;
  }
}

/**
 * Freezes a mapped list. Items are deep-frozen by their mappers; issues only shallowly,
 * because freezing the errors inside them would surprise whoever handles them.
 */
export function freezeMappedList<T>(
  items: readonly T[],
  issues: readonly MappingIssue[],
): MappedList<T> {
  return Object.freeze({
    items: Object.freeze([...items]),
    issues: Object.freeze(issues.map((issue) => Object.freeze({ ...issue }))),
  });
}
