import { deepFreeze } from './freeze.js';
import type { HistoryPage, HistoryPoint } from './history-page.js';
import type { MappingIssue } from './mapping-issue.js';
import { asDataError } from './rejection.js';
import { normaliseIsoInstant } from './time.js';
import { ruleViolation } from './validation-rules.js';
import { wireHistoryPageSchema, wireHistoryPointSchema } from './wire/history.js';
import { parseEnvelope, parseItem } from './wire/parse.js';

export interface MappedHistoryPage {
  readonly page: HistoryPage;
  readonly issues: readonly MappingIssue[];
}

/**
 * A history page → points in UTC. A point with a bad shape or time is left out alone;
 * a page whose effective bounds are not date-times is rejected whole, since nothing on
 * it could be placed. The cursor URLs are kept verbatim: never built, never parsed.
 */
export function mapHistoryPage(body: unknown): MappedHistoryPage {
  const wire = parseEnvelope(wireHistoryPageSchema, body, 'history response');
  const effectiveStart = pageBound(wire.query.effectiveStart, 'effectiveStart');
  const effectiveEnd = pageBound(wire.query.effectiveEnd, 'effectiveEnd');

  const points: HistoryPoint[] = [];
  const issues: MappingIssue[] = [];
  wire.data.forEach((item, index) => {
    const itemRef = pointRef(item, index);
    const path = ['data', index];
    const parsed = parseItem(wireHistoryPointSchema, item, 'history point', itemRef, path);
    if (!parsed.ok) {
      issues.push({ kind: 'rejected', itemKind: 'history_point', itemRef, error: parsed.error });
      return;
    }

    try {
      points.push({ time: pointTime(parsed.value.time, itemRef), data: parsed.value.data });
    } catch (error) {
      const dataError = asDataError(error);
      issues.push({ kind: 'rejected', itemKind: 'history_point', itemRef, error: dataError });
    }
  });

  const page: HistoryPage = {
    effectiveStart,
    effectiveEnd,
    points,
    ...(typeof wire.next === 'string' ? { next: wire.next } : {}),
    ...(typeof wire.prev === 'string' ? { prev: wire.prev } : {}),
  };
  return Object.freeze({
    page: deepFreeze(page),
    issues: Object.freeze(issues.map((issue) => Object.freeze(issue))),
  });
}

function pageBound(text: string, field: string): string {
  const normalised = normaliseIsoInstant(text);
  if (normalised !== undefined) return normalised;
  throw ruleViolation('history_page', `query.${field}`, 'history_time_iso8601',
    `${JSON.stringify(text)} is not an ISO 8601 date-time`);
}

function pointTime(text: string, itemRef: string): string {
  const normalised = normaliseIsoInstant(text);
  if (normalised !== undefined) return normalised;
  throw ruleViolation('history_point', itemRef, 'history_time_iso8601',
    `time ${JSON.stringify(text)} is not an ISO 8601 date-time`);
}

/** Points have no id: their time names them, else their place in `data`. */
function pointRef(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null && 'time' in item) {
    const time: unknown = item.time;
    if (typeof time === 'string' && time.trim() !== '') return time;
  }
  return `data[${index}]`;
}
