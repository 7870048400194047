import type { IncomingCall, ServerContext } from './context.js';
import type { Reply } from './reply.js';
import { emptyReply } from './reply.js';
import type { TokenGrant } from './token-store.js';

export type BearerCheck =
  | { readonly kind: 'valid'; readonly grant: TokenGrant }
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly description: string };

export function checkBearer(call: IncomingCall, context: ServerContext): BearerCheck {
  const match = /^Bearer +(\S+)$/i.exec(call.headers['authorization'] ?? '');
  const token = match?.[1];
  if (token === undefined) return { kind: 'missing' };

  const check = context.tokens.checkAccess(token, call.nowMs);
  switch (check.kind) {
    case 'valid':
      return { kind: 'valid', grant: check.grant };
    case 'unknown':
      return { kind: 'invalid', description: 'The access token is not recognised.' };
    case 'expired':
      return { kind: 'invalid', description: 'The access token has expired.' };
    case 'revoked':
      return { kind: 'invalid', description: 'The access token was revoked.' };
  }
}

/**
 * RFC 6750 section 3: no error attribute when no token was sent. The body is empty, as
 * ASP.NET's bearer handler leaves it; a client must not expect JSON here.
 */
export function unauthorizedReply(check: Exclude<BearerCheck, { kind: 'valid' }>): Reply {
  switch (check.kind) {
    case 'missing':
      return emptyReply(401, { 'www-authenticate': 'Bearer' });
    case 'invalid': {
      const challenge = `Bearer error="invalid_token", error_description="${check.description}"`;
      return emptyReply(401, { 'www-authenticate': challenge });
    }
  }
}

export function insufficientScopeReply(scope: string): Reply {
  return emptyReply(403, {
    'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
  });
}
