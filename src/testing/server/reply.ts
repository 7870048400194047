import { STATUS_CODES } from 'node:http';

/**
 * A response as data. Handlers return one instead of writing to the socket, so that faults
 * and ETags can rework it before anything is sent.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Empty for no body. */
  readonly body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** RFC 6749 section 5.1: token responses and their errors must never be cached. */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Unknown Status';
}

export function jsonReply(
  status: number,
  value: unknown,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  const body = JSON.stringify(value);
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

/** Token endpoint success: JSON that no cache may keep. */
export function tokenJsonReply(value: unknown): Reply {
  return jsonReply(200, value, NO_STORE);
}

/** An RFC 6749 error body: `{"error", "error_description"}`. */
export function oauthErrorReply(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description }, NO_STORE);
}

/**
 * Data API errors as RFC 9457 problem details, the shape an ASP.NET service such as Tibber's
 * answers with; clients that read `detail` or `title` find them here.
 */
export function problemReply(
  status: number,
  detail: string,
  headers: Readonly<Record<string, string>> = {},
): Reply {
  const problem = { type: 'about:blank', title: statusTitle(status), status, detail };
  const body = JSON.stringify(problem);
  return { status, headers: { 'content-type': PROBLEM_TYPE, ...headers }, body };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

export function textReply(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

export function emptyReply(status: number, headers: Readonly<Record<string, string>>): Reply {
  return { status, headers, body: '' };
}
