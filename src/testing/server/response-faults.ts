import type { WireJson } from '../scenario/source.js';
import type { Fault } from './faults.js';
import type { Reply } from './reply.js';

/** A capability fault changes the device detail itself, before any ETag is computed. */
export function applyCapabilityFault(reply: Reply, fault: Fault | undefined): Reply {
  if (fault?.kind !== 'capabilityVanishes' && fault?.kind !== 'capabilityNull') return reply;
  if (reply.status !== 200) return reply;

  const detail = JSON.parse(reply.body) as Record<string, WireJson>;
  const capabilities = detail['capabilities'];
  if (!Array.isArray(capabilities)) return reply;
  const isTarget = (c: WireJson): boolean => isObject(c) && c['id'] === fault.capabilityId;

  detail['capabilities'] =
    fault.kind === 'capabilityVanishes'
      ? capabilities.filter((c) => !isTarget(c))
      : capabilities.map((c) => (isTarget(c) && isObject(c) ? { ...c, value: null } : c));
  return { ...reply, body: JSON.stringify(detail) };
}

/** Faults on the finished message: what a broken proxy or a cut connection does to it. */
export function applyTransportFault(reply: Reply, fault: Fault | undefined): Reply {
  switch (fault?.kind) {
    case 'truncatedJson': {
      const bytes = Buffer.from(reply.body);
      const keep = fault.keepBytes ?? Math.floor(bytes.length / 2);
      return { ...reply, status: 200, body: bytes.subarray(0, keep).toString('utf8') };
    }
    case 'wrongContentType': {
      const contentType = fault.contentType ?? 'text/html; charset=utf-8';
      return { ...reply, headers: { ...reply.headers, 'content-type': contentType } };
    }
    case undefined:
    case 'status':
    case 'oauthError':
    case 'html':
    case 'text':
    case 'latency':
    case 'hang':
    case 'reset':
    case 'resetMidBody':
    case 'capabilityVanishes':
    case 'capabilityNull':
    case 'omitRefreshToken':
      return reply;
  }
}

function isObject(value: WireJson): value is Record<string, WireJson> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
