import axios from 'axios';
import type { AxiosInstance } from 'axios';

import type { Scheduler } from '../shared/clock.js';
import { NetworkError, TimeoutError } from '../shared/errors.js';

/** What one attempt brought back: whatever the status, the body as text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface AttemptRequest {
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** Names the request in messages: method and path, never the query or a header. */
  readonly what: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * The client's axios: every status comes back as a response (the retry policy decides what
 * it means), bodies stay text (a proxy's HTML page must not become a parse crash), and no
 * redirect is followed with our bearer token.
 */
export function createHttp(): AxiosInstance {
  return axios.create({
    adapter: 'http',
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
  });
}

/**
 * One GET, with a time-out on the injected scheduler that covers the whole body. Failures
 * are our own errors, built from the axios error's code alone: an axios error holds the
 * request config, Authorization header included, and must go nowhere.
 */
export async function attempt(
  http: AxiosInstance,
  scheduler: Scheduler,
  request: AttemptRequest,
): Promise<RawResponse> {
  const timer = new AbortController();
  const handle = scheduler.setTimeout(() => {
    timer.abort();
  }, request.timeoutMs);
  const signal = request.signal === undefined
    ? timer.signal
    : AbortSignal.any([request.signal, timer.signal]);

  try {
    const response = await http.request<string>({
      method: 'GET',
      url: request.url.href,
      headers: { ...request.headers },
      signal,
    });
    return {
      status: response.status,
      headers: headerRecord(response.headers),
      body: typeof response.data === 'string' ? response.data : '',
    };
  } catch (error) {
    request.signal?.throwIfAborted();
    if (timer.signal.aborted) {
      throw new TimeoutError(`${request.what} got no full answer within ${request.timeoutMs} ms`);
    }
    throw new NetworkError(`${request.what} failed: ${networkCode(error)}`);
  } finally {
    scheduler.clearTimeout(handle);
  }
}

function headerRecord(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return record;
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') record[name.toLowerCase()] = value;
    else if (Array.isArray(value)) record[name.toLowerCase()] = value.join(', ');
  }
  return record;
}

function networkCode(error: unknown): string {
  if (axios.isAxiosError(error) && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}
