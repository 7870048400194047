import type { JsonWebKey, KeyObject } from 'node:crypto';
import { createHash, generateKeyPair, sign } from 'node:crypto';
import { promisify } from 'node:util';

const generateRsaKeyPair = promisify(generateKeyPair);

/** Claims of a JWT this server signs; `undefined` members are left out. */
export type JwtClaims = Readonly<Record<string, string | number | undefined>>;

/** A published JWK: the public half only, with the members OIDC clients look for. */
export interface PublicJwk extends JsonWebKey {
  readonly kid: string;
  readonly use: 'sig';
  readonly alg: 'RS256';
}

let sharedKey: Promise<SigningKey> | undefined;

/**
 * The server's RS256 key, made at run time so that no test can trust a fixed key. Making
 * one takes about a third of a second, so servers share one per process unless told not to.
 */
export class SigningKey {
  readonly kid: string;
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;

  private constructor(privateKey: KeyObject, publicKey: KeyObject) {
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    const der = publicKey.export({ type: 'spki', format: 'der' });
    this.kid = createHash('sha256').update(der).digest('base64url').slice(0, 16);
  }

  static shared(): Promise<SigningKey> {
    sharedKey ??= SigningKey.generate();
    return sharedKey;
  }

  static async generate(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    return new SigningKey(privateKey, publicKey);
  }

  sign(claims: JwtClaims): string {
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.#privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  jwk(): PublicJwk {
    const jwk = this.#publicKey.export({ format: 'jwk' });
    return { ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' };
  }
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
