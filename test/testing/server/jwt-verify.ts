import { createPublicKey, verify } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';

/** Verifies an RS256 JWT against a JWKS with node:crypto alone; returns header and claims. */
export async function verifyJwt(
  jwksUrl: string,
  jwt: string,
): Promise<{ header: Record<string, unknown>; claims: Record<string, unknown> }> {
  const [headerPart, claimsPart, signaturePart] = jwt.split('.');
  if (headerPart === undefined || claimsPart === undefined || signaturePart === undefined) {
    throw new Error('not a JWT');
  }
  const header = decode(headerPart);
  const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: JsonWebKey[] };
  const jwk = keys.find((k) => k['kid'] === header['kid']);
  if (jwk === undefined) throw new Error('no key with that kid');

  const isValid = verify(
    'sha256',
    Buffer.from(`${headerPart}.${claimsPart}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signaturePart, 'base64url'),
  );
  if (!isValid) throw new Error('bad signature');
  return { header, claims: decode(claimsPart) };
}

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
