import { DateTime, IANAZone } from 'luxon';

/**
 * Reads an ISO 8601 date-time as epoch milliseconds, or undefined when it is not one. A
 * value without an offset is read as UTC: the wire documents its timestamps as UTC.
 */
export function parseIsoInstant(text: string): number | undefined {
  const parsed = DateTime.fromISO(text.trim(), { zone: 'utc' });
  return parsed.isValid ? parsed.toMillis() : undefined;
}

/** The one timestamp format of the domain model: UTC with milliseconds and `Z`. */
export function toUtcIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Normalises an ISO 8601 date-time to the domain format, or undefined when it is not one. */
export function normaliseIsoInstant(text: string): string | undefined {
  const epochMs = parseIsoInstant(text);
  return epochMs === undefined ? undefined : toUtcIso(epochMs);
}

export function isIanaTimeZone(name: string): boolean {
  return name.trim() !== '' && IANAZone.isValidZone(name);
}

/** A configured zone is a caller's argument: a bad one is a TypeError, not bad data. */
export function assertIanaTimeZone(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !isIanaTimeZone(name)) {
    throw new TypeError(`${what} must be an IANA time zone such as "Europe/Oslo"`);
  }
}
