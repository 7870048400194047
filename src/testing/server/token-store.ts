import { randomBytes, randomUUID } from 'node:crypto';

import type { SigningKey } from './jwt.js';

/** Who a token speaks for, and what it may read. Fixed when the user consents. */
export interface TokenGrant {
  readonly clientId: string;
  readonly sub: string;
  readonly scopes: readonly string[];
}

/** The tokens descended from one consent: one code, then every rotation after it. */
interface Family {
  readonly grant: TokenGrant;
  readonly accessTokens: Set<string>;
  readonly refreshTokens: Set<string>;
}

interface AccessRecord {
  readonly familyId: string;
  expiresAtMs: number;
  isRevoked: boolean;
}

interface RefreshRecord {
  readonly familyId: string;
  readonly expiresAtMs: number;
  state: 'active' | 'used' | 'revoked';
}

export type AccessCheck =
  | { readonly kind: 'valid'; readonly grant: TokenGrant }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'revoked' };

export type RefreshOutcome =
  | { readonly kind: 'refreshed'; readonly familyId: string; readonly grant: TokenGrant }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'wrongClient' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'replayed' };

export interface TokenStoreSettings {
  readonly signer: SigningKey;
  readonly issuer: string;
  readonly accessTokenTtlMs: number;
  readonly refreshTokenTtlMs: number;
}

/** Access tokens (RS256 JWTs, checked against this store) and one-time refresh tokens. */
export class TokenStore {
  readonly #settings: TokenStoreSettings;
  readonly #families = new Map<string, Family>();
  readonly #access = new Map<string, AccessRecord>();
  readonly #refresh = new Map<string, RefreshRecord>();

  constructor(settings: TokenStoreSettings) {
    this.#settings = settings;
  }

  startFamily(grant: TokenGrant): string {
    const familyId = randomUUID();
    this.#families.set(familyId, { grant, accessTokens: new Set(), refreshTokens: new Set() });
    return familyId;
  }

  grant(familyId: string): TokenGrant {
    return this.#family(familyId).grant;
  }

  /**
   * A JWT, as Tibber's are, so that a client which wrongly decodes it still finds plausible
   * claims; validity is decided here, on the server clock, never by its `exp`.
   */
  mintAccess(familyId: string, nowMs: number): { token: string; expiresAtMs: number } {
    const family = this.#family(familyId);
    const expiresAtMs = nowMs + this.#settings.accessTokenTtlMs;
    const token = this.#settings.signer.sign({
      iss: this.#settings.issuer,
      aud: 'data-api',
      sub: family.grant.sub,
      client_id: family.grant.clientId,
      scope: family.grant.scopes.join(' '),
      iat: Math.floor(nowMs / 1_000),
      exp: Math.floor(expiresAtMs / 1_000),
      jti: randomUUID(),
    });
    this.#access.set(token, { familyId, expiresAtMs, isRevoked: false });
    family.accessTokens.add(token);
    return { token, expiresAtMs };
  }

  mintRefresh(familyId: string, nowMs: number): string {
    const token = randomBytes(32).toString('base64url');
    const expiresAtMs = nowMs + this.#settings.refreshTokenTtlMs;
    this.#refresh.set(token, { familyId, expiresAtMs, state: 'active' });
    this.#family(familyId).refreshTokens.add(token);
    return token;
  }

  checkAccess(token: string, nowMs: number): AccessCheck {
    const record = this.#access.get(token);
    if (record === undefined) return { kind: 'unknown' };
    if (record.isRevoked) return { kind: 'revoked' };
    if (nowMs >= record.expiresAtMs) return { kind: 'expired' };
    return { kind: 'valid', grant: this.#family(record.familyId).grant };
  }

  /**
   * Presenting a used refresh token means two parties hold it: the whole family's refresh
   * tokens are revoked (OAuth 2 security BCP, section 4.14). Access tokens live on.
   */
  useRefresh(token: string, clientId: string, nowMs: number, rotate: boolean): RefreshOutcome {
    const record = this.#refresh.get(token);
    if (record === undefined) return { kind: 'unknown' };
    const family = this.#family(record.familyId);
    if (family.grant.clientId !== clientId) return { kind: 'wrongClient' };

    switch (record.state) {
      case 'used':
        this.revokeFamily(record.familyId, 'refreshTokens');
        return { kind: 'replayed' };
      case 'revoked':
        return { kind: 'revoked' };
      case 'active':
        break;
    }
    if (nowMs >= record.expiresAtMs) return { kind: 'expired' };

    if (rotate) record.state = 'used';
    return { kind: 'refreshed', familyId: record.familyId, grant: family.grant };
  }

  revokeFamily(familyId: string, what: 'refreshTokens' | 'allTokens'): void {
    const family = this.#family(familyId);
    for (const token of family.refreshTokens) {
      const record = this.#refresh.get(token);
      if (record !== undefined) record.state = 'revoked';
    }
    if (what === 'refreshTokens') return;
    for (const token of family.accessTokens) {
      const record = this.#access.get(token);
      if (record !== undefined) record.isRevoked = true;
    }
  }

  /** Makes one access token, or all of them, expired as of `nowMs`; returns how many. */
  expireAccess(nowMs: number, token?: string): number {
    const records = token === undefined ? [...this.#access.values()] : [this.#access.get(token)];
    let expired = 0;
    for (const record of records) {
      if (record === undefined || record.expiresAtMs <= nowMs) continue;
      record.expiresAtMs = nowMs;
      expired += 1;
    }
    return expired;
  }

  /** Revokes the tokens of one client's grants, or of all grants. */
  revokeGrants(what: 'refreshTokens' | 'allTokens', clientId?: string): void {
    for (const [familyId, family] of this.#families) {
      if (clientId === undefined || family.grant.clientId === clientId) {
        this.revokeFamily(familyId, what);
      }
    }
  }

  #family(familyId: string): Family {
    const family = this.#families.get(familyId);
    // Records are only ever created for a family that exists; this guards the invariant.
    if (family === undefined) throw new Error(`unknown token family ${familyId}`);
    return family;
  }
}
