import { findClient } from './authorize.js';
import type { IncomingCall, ServerContext } from './context.js';
import type { MockClient } from './options.js';
import { verifierMatches } from './pkce.js';
import type { Reply } from './reply.js';
import { oauthErrorReply, tokenJsonReply } from './reply.js';
import { issueTokens, tokenResponseBody } from './token-issuer.js';

export interface TokenCallOptions {
  /** False for one response of an `omitRefreshToken` fault, or when rotation is off. */
  readonly rotate: boolean;
}

/** `POST /connect/token`: client authenticated first, then the grant (RFC 6749 section 3.2). */
export function token(
  call: IncomingCall,
  context: ServerContext,
  options: TokenCallOptions,
): Reply {
  const { form } = call;
  if (form === undefined) {
    return invalidRequest('The body must be application/x-www-form-urlencoded.');
  }
  const client = authenticateClient(form, context.settings.clients);
  if (client === undefined) {
    return oauthErrorReply(401, 'invalid_client', 'Unknown client or wrong client_secret.');
  }

  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'authorization_code':
      return codeGrant(form, client, call.nowMs, context);
    case 'refresh_token':
      return refreshGrant(form, client, call.nowMs, context, options.rotate);
    case null:
      return invalidRequest('grant_type is required.');
    default:
      return oauthErrorReply(400, 'unsupported_grant_type', `Unsupported grant ${grantType}.`);
  }
}

function codeGrant(
  form: URLSearchParams,
  client: MockClient,
  nowMs: number,
  context: ServerContext,
): Reply {
  const code = form.get('code');
  if (code === null) return invalidRequest('code is required.');

  const redemption = context.codes.redeem(code, client.clientId, nowMs);
  switch (redemption.kind) {
    case 'unknown':
    case 'wrongClient':
      return invalidGrant('Invalid authorization code.');
    case 'expired':
      return invalidGrant('The authorization code has expired.');
    case 'replayed':
      // RFC 6749 4.1.2: a replayed code revokes what it issued, should a thief hold it.
      if (redemption.familyId !== undefined) {
        context.tokens.revokeFamily(redemption.familyId, 'allTokens');
      }
      return invalidGrant('The authorization code was already used.');
    case 'redeemed':
      break;
  }

  const { grant } = redemption;
  if (form.get('redirect_uri') !== grant.redirectUri) {
    return invalidGrant('redirect_uri differs from the authorization request.');
  }
  if (!verifierMatches(form.get('code_verifier') ?? '', grant.codeChallenge)) {
    return invalidGrant('code_verifier does not match the code_challenge.');
  }

  const familyId = context.tokens.startFamily(grant);
  context.codes.bindFamily(code, familyId);
  const issued = issueTokens(context, {
    familyId,
    nowMs,
    withRefreshToken: grant.scopes.includes('offline_access'),
    idToken: grant.scopes.includes('openid') ? { nonce: grant.nonce } : undefined,
  });
  return tokenJsonReply(tokenResponseBody(issued, nowMs));
}

function refreshGrant(
  form: URLSearchParams,
  client: MockClient,
  nowMs: number,
  context: ServerContext,
  rotate: boolean,
): Reply {
  const refreshToken = form.get('refresh_token');
  if (refreshToken === null) return invalidRequest('refresh_token is required.');

  const outcome = context.tokens.useRefresh(refreshToken, client.clientId, nowMs, rotate);
  switch (outcome.kind) {
    case 'unknown':
    case 'wrongClient':
      return invalidGrant('Invalid refresh token.');
    case 'expired':
      return invalidGrant('The refresh token has expired.');
    case 'revoked':
      return invalidGrant('The refresh token was revoked.');
    case 'replayed':
      return invalidGrant('The refresh token was already used; its grant is revoked.');
    case 'refreshed':
      break;
  }

  // Without rotation the response omits refresh_token: the client keeps the one it has.
  const issued = issueTokens(context, {
    familyId: outcome.familyId,
    nowMs,
    withRefreshToken: rotate,
    idToken: undefined,
  });
  return tokenJsonReply(tokenResponseBody(issued, nowMs));
}

/** `client_secret_post` only: a secret in an Authorization header is not looked at. */
function authenticateClient(
  form: URLSearchParams,
  clients: readonly MockClient[],
): MockClient | undefined {
  const client = findClient(clients, form.get('client_id'));
  const secret = form.get('client_secret');
  return secret !== null && client?.clientSecret === secret ? client : undefined;
}

function invalidRequest(description: string): Reply {
  return oauthErrorReply(400, 'invalid_request', description);
}

function invalidGrant(description: string): Reply {
  return oauthErrorReply(400, 'invalid_grant', description);
}
