import { checkBearer, insufficientScopeReply, unauthorizedReply } from './bearer.js';
import type { IncomingCall, ServerContext } from './context.js';
import type { Reply } from './reply.js';
import { jsonReply } from './reply.js';

/** `GET /connect/userinfo`: claims follow the granted scopes, as OIDC Core 5.4 says. */
export function userinfo(call: IncomingCall, context: ServerContext): Reply {
  const check = checkBearer(call, context);
  if (check.kind !== 'valid') return unauthorizedReply(check);
  const { scopes } = check.grant;
  if (!scopes.includes('openid')) return insufficientScopeReply('openid');

  const { user } = context.settings.scenario;
  return jsonReply(200, {
    sub: check.grant.sub,
    name: scopes.includes('profile') ? user.name : undefined,
    email: scopes.includes('email') ? user.email : undefined,
  });
}
