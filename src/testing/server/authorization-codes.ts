import { randomBytes } from 'node:crypto';

/** What an authorization code stands for once the user has approved. */
export interface CodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly scopes: readonly string[];
  readonly sub: string;
}

interface CodeRecord {
  readonly grant: CodeGrant;
  readonly expiresAtMs: number;
  isRedeemed: boolean;
  /** The token family this code started, so that a replay can revoke it. */
  familyId: string | undefined;
}

export type CodeRedemption =
  | { readonly kind: 'redeemed'; readonly grant: CodeGrant }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'wrongClient' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'replayed'; readonly familyId: string | undefined };

/** Single-use, short-lived authorization codes. */
export class AuthorizationCodes {
  readonly #codes = new Map<string, CodeRecord>();
  readonly #ttlMs: number;

  constructor(ttlMs: number) {
    this.#ttlMs = ttlMs;
  }

  create(grant: CodeGrant, nowMs: number): string {
    const code = randomBytes(32).toString('base64url');
    this.#codes.set(code, {
      grant,
      expiresAtMs: nowMs + this.#ttlMs,
      isRedeemed: false,
      familyId: undefined,
    });
    return code;
  }

  /**
   * Any attempt by the owning client uses the code up, failed or not, as IdentityServer
   * removes a code from its store before validating the rest of the request.
   */
  redeem(code: string, clientId: string, nowMs: number): CodeRedemption {
    const record = this.#codes.get(code);
    if (record === undefined) return { kind: 'unknown' };
    if (record.grant.clientId !== clientId) return { kind: 'wrongClient' };
    if (record.isRedeemed) return { kind: 'replayed', familyId: record.familyId };

    record.isRedeemed = true;
    if (nowMs >= record.expiresAtMs) return { kind: 'expired' };
    return { kind: 'redeemed', grant: record.grant };
  }

  bindFamily(code: string, familyId: string): void {
    const record = this.#codes.get(code);
    if (record !== undefined) record.familyId = familyId;
  }

  revokeAll(): void {
    this.#codes.clear();
  }
}
