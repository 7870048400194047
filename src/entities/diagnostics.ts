import type { CoordinatorSnapshot } from '../coordinator/index.js';
import type { JsonValue, OAuthSession } from '../models/index.js';
import { fingerprint } from '../models/index.js';
import { isJsonObject } from '../models/json.js';
import { TibberDataError } from '../shared/errors.js';

/** What a diagnostics dump is made from; each part is optional. */
export interface DiagnosticsInput {
  readonly snapshot?: CoordinatorSnapshot;
  readonly coordinator?: {
    readonly lastUpdateSuccess: boolean;
    readonly consecutiveFailures: number;
    readonly lastError: Error | undefined;
    readonly lastSuccessAt?: { toISO(): string | null } | undefined;
    readonly nextPollAt?: { toISO(): string | null } | undefined;
  };
  readonly session?: OAuthSession;
  readonly recentErrors?: readonly Error[];
}

/**
 * Keys whose values identify a person, a place, a vehicle or a secret: replaced by a
 * short fingerprint, so that two dumps can still be compared.
 */
const SENSITIVE_KEY = new RegExp(
  [
    'token|secret|password|authorization|cookie|code_?verifier',
    'vin|serial|externalid|userid|homeid|deviceid|sessionid|^id$|^sub$',
    'e-?mail|address|postal|city|latitude|longitude|coordinates',
    'ssid|bssid|ip_?address',
  ].join('|'),
  'i',
);

/** Values that are secrets or identifiers whatever their key says. */
const SENSITIVE_VALUE = [
  /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/, // a JWT
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/, // an e-mail address
  /^[A-HJ-NPR-Z0-9]{17}$/, // a VIN
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID (home ids)
];

/**
 * A dump of what the library knows, safe to paste into a public issue: every id, token,
 * VIN, serial number, e-mail, address and coordinate is replaced by `[sha256:xxxxxxxx]`;
 * names, units and values stay, since they are what a maintainer needs to see.
 */
export function buildDiagnostics(input: DiagnosticsInput): JsonValue {
  const { snapshot, coordinator, session, recentErrors = [] } = input;
  const dump = {
    generatedBy: 'tibber-data',
    coordinator: coordinator === undefined ? null : {
      lastUpdateSuccess: coordinator.lastUpdateSuccess,
      consecutiveFailures: coordinator.consecutiveFailures,
      lastSuccessAt: coordinator.lastSuccessAt?.toISO() ?? null,
      nextPollAt: coordinator.nextPollAt?.toISO() ?? null,
      lastError: coordinator.lastError === undefined ? null : describeError(coordinator.lastError),
    },
    session: session === undefined ? null : {
      userId: session.userId,
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      scopes: [...session.scopes],
      expiresAt: session.expiresAt,
      lastRefreshed: session.lastRefreshed,
    },
    snapshot: snapshot === undefined ? null : toJson(snapshot),
    recentErrors: recentErrors.map(describeError),
  };
  return redact(toJson(dump), undefined);
}

function describeError(error: Error): JsonValue {
  return {
    name: error.name,
    code: error instanceof TibberDataError ? error.code : null,
    message: error.message,
  };
}

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

/** Attributes whose value is an identifier: the value goes, whatever it looks like. */
const IDENTIFYING_ATTRIBUTE = /vin|serial|ssid|ipaddress|imei|mac/i;

function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function redact(value: JsonValue, key: string | undefined): JsonValue {
  if (isJsonArray(value)) return value.map((item) => redact(item, key));
  if (isJsonObject(value)) {
    const attributeId = value['attributeId'];
    const hidesValue = typeof attributeId === 'string' && IDENTIFYING_ATTRIBUTE.test(attributeId);
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [
        name,
        hidesValue && name === 'value' ? redact(item, 'serial') : redact(item, name),
      ]),
    );
  }
  if (typeof value !== 'string' && typeof value !== 'number') return value;

  const text = String(value);
  const isSensitive = (key !== undefined && SENSITIVE_KEY.test(key)) ||
    SENSITIVE_VALUE.some((pattern) => pattern.test(text));
  return isSensitive ? `[sha256:${fingerprint(text)}]` : scrubText(value);
}

/** Inside free text (error messages), JWTs and e-mail addresses are cut out as well. */
function scrubText(value: string | number): string | number {
  if (typeof value === 'number') return value;
  return value
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, (jwt) => `[sha256:${fingerprint(jwt)}]`)
    .replace(/[^\s@"']+@[^\s@"']+\.[A-Za-z]{2,}/g, (mail) => `[sha256:${fingerprint(mail)}]`);
}
