import { createMappingContext } from '../../src/models/index.js';
import type {
  MappingContext,
  MappingContextOptions,
  MappingIssue,
  RejectedItem,
} from '../../src/models/index.js';

/** A fixed "now", five minutes after the vehicle example's lastSeen. Tests never read time. */
export const NOW_MS = Date.UTC(2026, 7, 21, 10, 5);
export const NOW_ISO = '2026-08-21T10:05:00.000Z';

export const HOME_ID = '7ea61717-e440-4067-94f3-b4d59110d259';

export function context(options: MappingContextOptions = {}): MappingContext {
  return createMappingContext(NOW_MS, options);
}

export function rejections(issues: readonly MappingIssue[]): RejectedItem[] {
  return issues.filter((issue): issue is RejectedItem => issue.kind === 'rejected');
}

/** The one rejection in `issues`, summarised so that a test can compare it whole. */
export function onlyRejection(issues: readonly MappingIssue[]): {
  itemKind: string;
  itemRef: string;
  errorClass: string;
  rule: string;
} {
  const found = rejections(issues);
  if (found.length !== 1) throw new Error(`expected one rejection, got ${found.length}`);
  const [issue] = found as [RejectedItem];
  const rule = 'rule' in issue.error
    ? issue.error.rule
    : issue.error.issues.map((i) => i.rule).join(',');
  return {
    itemKind: issue.itemKind,
    itemRef: issue.itemRef,
    errorClass: issue.error.constructor.name,
    rule,
  };
}
