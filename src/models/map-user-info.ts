import type { UserInfo } from './user-info.js';
import { parseEnvelope } from './wire/parse.js';
import { wireUserInfoSchema } from './wire/user-info.js';

/** OIDC userinfo → the signed-in user; throws a `ResponseValidationError` without `sub`. */
export function mapUserInfo(body: unknown): UserInfo {
  const wire = parseEnvelope(wireUserInfoSchema, body, 'userinfo response');
  const name = wire.name?.trim() ?? '';
  const email = wire.email?.trim() ?? '';

  return Object.freeze({
    userId: wire.sub,
    ...(name === '' ? {} : { name }),
    ...(email === '' ? {} : { email }),
  });
}
