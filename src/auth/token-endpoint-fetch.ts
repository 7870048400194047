import type { CustomFetch } from 'openid-client';

import type { Scheduler } from '../shared/clock.js';
import { NetworkError, TimeoutError } from '../shared/errors.js';

export interface EndpointFetchOptions {
  readonly userAgent: string;
  readonly timeoutMs: number;
  readonly scheduler: Scheduler;
}

/**
 * The fetch openid-client makes its requests with: our User-Agent on every one, a time-out
 * on the injected scheduler that covers the whole exchange (the body too, which is read
 * here, so that a reset mid-body or a stalled body cannot outlive it), and failures typed.
 */
export function endpointFetch(options: EndpointFetchOptions): CustomFetch {
  return async (url, init) => {
    const what = `${init.method} ${describeUrl(url)}`;
    const timer = new AbortController();
    const handle = options.scheduler.setTimeout(() => {
      timer.abort();
    }, options.timeoutMs);
    const signal = init.signal === undefined
      ? timer.signal
      : AbortSignal.any([init.signal, timer.signal]);

    try {
      const response = await fetch(url, {
        method: init.method,
        headers: { ...init.headers, 'user-agent': options.userAgent },
        redirect: init.redirect,
        signal,
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      const body = await response.arrayBuffer();
      return new Response(body.byteLength === 0 ? null : body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      if (timer.signal.aborted) {
        throw new TimeoutError(`${what} got no full answer within ${options.timeoutMs} ms`);
      }
      throw new NetworkError(`${what} failed: ${networkReason(error)}`, { cause: error });
    } finally {
      options.scheduler.clearTimeout(handle);
    }
  };
}

/** Scheme, host and path: an endpoint URL carries no secret, but keep queries out anyway. */
export function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/** `ECONNREFUSED`, `ECONNRESET`, …: fetch hides the system error one level down. */
function networkReason(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (typeof cause === 'object' && cause !== null && 'code' in cause) {
    return String(cause.code);
  }
  return error instanceof Error ? error.message : 'unknown error';
}
