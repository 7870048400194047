import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

import type { Reply } from './reply.js';

/** Lower-case header names, repeated headers joined as HTTP allows. */
export function headerRecord(headers: IncomingHttpHeaders): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

export function isFormEncoded(headers: Readonly<Record<string, string>>): boolean {
  const type = headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function writeReply(response: ServerResponse, reply: Reply): void {
  if (response.destroyed) return;
  const body = Buffer.from(reply.body);
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  response.end(body);
}

/**
 * Announces the whole body, sends part of it, then closes the connection: the client has
 * a status and headers, and its body read fails.
 */
export function writePartThenClose(
  response: ServerResponse,
  reply: Reply,
  keepBytes: number | undefined,
): void {
  if (response.destroyed) return;
  const body = Buffer.from(reply.body);
  const part = body.subarray(0, keepBytes ?? Math.floor(body.length / 2));
  response.writeHead(reply.status, { ...reply.headers, 'content-length': String(body.length) });
  response.flushHeaders();
  response.write(part, () => response.destroy());
}
