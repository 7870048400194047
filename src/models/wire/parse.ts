import type { z } from 'zod';

import { ResponseValidationError } from '../../shared/errors.js';
import type { ValidationIssue } from '../../shared/errors.js';

export type IssuePath = readonly (string | number)[];

/**
 * zod's issues as the error hierarchy's data. A refinement may name its rule in
 * `params.rule`; otherwise zod's issue code is the rule. Inputs are never copied: a
 * payload may hold a token or a VIN.
 */
export function toValidationIssues(error: z.ZodError, prefix: IssuePath = []): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
    rule: customRule(issue) ?? issue.code,
    message: issue.message,
  }));
}

function customRule(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== 'custom') return undefined;
  const rule: unknown = issue.params?.['rule'];
  return typeof rule === 'string' ? rule : undefined;
}

function summarise(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.rule}`).join('; ');
}

/** Parses a whole response body, or throws a `ResponseValidationError` with issue paths. */
export function parseEnvelope<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;

  const issues = toValidationIssues(result.error);
  throw new ResponseValidationError(
    `${what} does not match the wire schema: ${summarise(issues)}`,
    issues,
  );
}

export type ItemParse<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ResponseValidationError };

/** Parses one list item so that a bad one fails alone; the error names the item. */
export function parseItem<T>(
  schema: z.ZodType<T>,
  item: unknown,
  what: string,
  itemRef: string,
  path: IssuePath,
): ItemParse<T> {
  const result = schema.safeParse(item);
  if (result.success) return { ok: true, value: result.data };

  const issues = toValidationIssues(result.error, path);
  const message = `${what} ${JSON.stringify(itemRef)} does not match the wire schema: ` +
    summarise(issues);
  return { ok: false, error: new ResponseValidationError(message, issues) };
}

/** An item's id when it has a non-empty string one, else its place in the list. */
export function itemRefOf(item: unknown, listName: string, index: number): string {
  if (typeof item === 'object' && item !== null && 'id' in item) {
    const id: unknown = item.id;
    if (typeof id === 'string' && id.trim() !== '') return id;
  }
  return `${listName}[${index}]`;
}
