import { createHash } from 'node:crypto';

import type { Reply } from './reply.js';
import { emptyReply } from './reply.js';

/**
 * A strong ETag of the body, and a 304 when the client already holds it. If-None-Match
 * compares weakly (RFC 9110 section 13.1.2), so a `W/` prefix still matches.
 */
export function withEtag(reply: Reply, ifNoneMatch: string | undefined): Reply {
  if (reply.status !== 200) return reply;
  const etag = `"${createHash('sha256').update(reply.body).digest('base64url')}"`;

  const held = (ifNoneMatch ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (held.includes(etag) || held.includes('*')) return emptyReply(304, { etag });
  return { ...reply, headers: { ...reply.headers, etag } };
}
