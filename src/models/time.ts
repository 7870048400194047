import { DateTime, IANAZone } from 'luxon';

/**
 * The form `toUtcIso` writes and the wire mostly sends, read without luxon: it is many times
 * cheaper on the per-capability path. V8 rolls 30 February over to March, so a value counts
 * only when it reads back the same.
 */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

// Every capability of a device carries the device's one timestamp: remember the last read.
let lastRead: { readonly text: string; readonly epochMs: number | undefined } | undefined;

function parseCanonicalUtc(text: string): number | undefined {
  if (lastRead?.text === text) return lastRead.epochMs;
  const epochMs = readCanonicalUtc(text);
  lastRead = { text, epochMs };
  return epochMs;
}

function readCanonicalUtc(text: string): number | undefined {
  if (!CANONICAL_UTC.test(text)) return undefined;
  const epochMs = Date.parse(text);
  if (Number.isNaN(epochMs)) return undefined;
  const written = new Date(epochMs).toISOString();
  const expected = text.length === 20 ? `${text.slice(0, 19)}.000Z` : text;
  return written === expected ? epochMs : undefined;
}

/**
 * Reads an ISO 8601 date-time as epoch milliseconds, or undefined when it is not one. A
 * value without an offset is read as UTC: the wire documents its timestamps as UTC.
 */
export function parseIsoInstant(text: string): number | undefined {
  const trimmed = text.trim();
  const fast = parseCanonicalUtc(trimmed);
  if (fast !== undefined) return fast;

  const parsed = DateTime.fromISO(trimmed, { zone: 'utc' });
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

// luxon asks Intl each time, which is dear on every call's mapping; a zone stays valid.
const knownZones = new Map<string, boolean>();

export function isIanaTimeZone(name: string): boolean {
  let isValid = knownZones.get(name);
  if (isValid === undefined) {
    isValid = name.trim() !== '' && IANAZone.isValidZone(name);
    if (knownZones.size < 1_000) knownZones.set(name, isValid);
  }
  return isValid;
}

/** A configured zone is a caller's argument: a bad one is a TypeError, not bad data. */
export function assertIanaTimeZone(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !isIanaTimeZone(name)) {
    throw new TypeError(`${what} must be an IANA time zone such as "Europe/Oslo"`);
  }
}
