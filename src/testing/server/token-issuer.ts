import type { ServerContext } from './context.js';

/** A token set as the server issued it. */
export interface IssuedTokens {
  readonly accessToken: string;
  /** Present when `offline_access` was granted. */
  readonly refreshToken: string | undefined;
  /** Present on a code grant (or `issueTokens`) that includes `openid`. */
  readonly idToken: string | undefined;
  readonly scopes: readonly string[];
  /** Server clock. */
  readonly expiresAtMs: number;
}

export interface IssueRequest {
  readonly familyId: string;
  readonly nowMs: number;
  readonly withRefreshToken: boolean;
  /** Present when an ID token is due; carries the authorization request's nonce. */
  readonly idToken: { readonly nonce: string | undefined } | undefined;
}

export function issueTokens(context: ServerContext, request: IssueRequest): IssuedTokens {
  const { tokens, signer, issuer } = context;
  const { familyId, nowMs } = request;
  const grant = tokens.grant(familyId);

  const access = tokens.mintAccess(familyId, nowMs);
  const refreshToken = request.withRefreshToken ? tokens.mintRefresh(familyId, nowMs) : undefined;
  const idToken =
    request.idToken === undefined
      ? undefined
      : signer.sign({
          iss: issuer,
          aud: grant.clientId,
          sub: grant.sub,
          iat: Math.floor(nowMs / 1_000),
          exp: Math.floor(access.expiresAtMs / 1_000),
          auth_time: Math.floor(nowMs / 1_000),
          nonce: request.idToken.nonce,
        });

  return {
    accessToken: access.token,
    refreshToken,
    idToken,
    scopes: grant.scopes,
    expiresAtMs: access.expiresAtMs,
  };
}

/** The token endpoint's JSON; absent members are left out rather than sent as null. */
export function tokenResponseBody(issued: IssuedTokens, nowMs: number): Record<string, unknown> {
  return {
    access_token: issued.accessToken,
    token_type: 'Bearer',
    expires_in: Math.round((issued.expiresAtMs - nowMs) / 1_000),
    refresh_token: issued.refreshToken,
    scope: issued.scopes.join(' '),
    id_token: issued.idToken,
  };
}
