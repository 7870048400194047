import { checkBearer, insufficientScopeReply, unauthorizedReply } from './bearer.js';
import type { IncomingCall, ServerContext } from './context.js';
import type { Reply } from './reply.js';
import { problemReply } from './reply.js';
import type { TokenGrant } from './token-store.js';

export type DataAccess =
  | { readonly kind: 'granted'; readonly grant: TokenGrant }
  | { readonly kind: 'refused'; readonly reply: Reply };

/** Reading homes at all takes this scope; each device category takes its own on top. */
export const HOMES_SCOPE = 'data-api-homes-read';

/**
 * The checks every Data API request passes, in the order a gateway applies them: a
 * client without a User-Agent is refused before its token is even looked at.
 */
export function guardDataRequest(call: IncomingCall, context: ServerContext): DataAccess {
  if ((call.headers['user-agent'] ?? '').trim() === '') {
    const reply = problemReply(400, 'A User-Agent header is required: App/Version (platform).');
    return { kind: 'refused', reply };
  }

  const check = checkBearer(call, context);
  if (check.kind !== 'valid') return { kind: 'refused', reply: unauthorizedReply(check) };
  if (!check.grant.scopes.includes(HOMES_SCOPE)) {
    return { kind: 'refused', reply: insufficientScopeReply(HOMES_SCOPE) };
  }
  return { kind: 'granted', grant: check.grant };
}
