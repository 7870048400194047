import type { MappingContext } from './mapping-context.js';
import { sealSecrets } from './redaction.js';
import type { RedactedForms } from './redaction.js';
import { toUtcIso } from './time.js';
import { parseEnvelope } from './wire/parse.js';
import { wireTokenResponseSchema } from './wire/token-response.js';

/**
 * What a token response contributes to an `OAuthSession`. Sealed like a session: its
 * string, JSON and inspect forms show fingerprints only.
 */
export interface TokenGrantFields {
  readonly accessToken: string;
  /** Absent when the server keeps the old one: the caller then keeps it too. */
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly tokenType: string;
  readonly expiresAt: string;
  /** Absent when the response has no `scope`: the requested scopes were granted. */
  readonly scopes?: readonly string[];
}

export interface TokenGrant extends TokenGrantFields, RedactedForms {}

/**
 * The token endpoint's body → a grant. `expiresAt` is `nowMs + expires_in`. The token type
 * is compared case-insensitively by RFC 6749, so `bearer` is normalised to `Bearer`.
 * Throws a `ResponseValidationError` whose issues never contain a token.
 */
export function mapTokenResponse(
  body: unknown,
  context: Pick<MappingContext, 'nowMs'>,
): TokenGrant {
  const wire = parseEnvelope(wireTokenResponseSchema, body, 'token response');
  const scopes = wire.scope?.split(/\s+/).filter((scope) => scope !== '');

  const grant: TokenGrantFields = {
    accessToken: wire.access_token,
    ...(typeof wire.refresh_token === 'string' ? { refreshToken: wire.refresh_token } : {}),
    ...(typeof wire.id_token === 'string' ? { idToken: wire.id_token } : {}),
    tokenType: wire.token_type.toLowerCase() === 'bearer' ? 'Bearer' : wire.token_type,
    expiresAt: toUtcIso(context.nowMs + Math.round(wire.expires_in * 1000)),
    ...(scopes === undefined ? {} : { scopes: [...new Set(scopes)] }),
  };
  return sealSecrets('TokenGrant', grant, ['accessToken', 'refreshToken', 'idToken']);
}
