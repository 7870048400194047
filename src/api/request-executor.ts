import type { AxiosInstance } from 'axios';
import pRetry, { AbortError } from 'p-retry';

import {
  RateLimitedError,
  ReauthorizationRequiredError,
  ServerError,
  TibberDataError,
} from '../shared/errors.js';
import type { ClientSettings } from './client-settings.js';
import { classifyResponse } from './classify-response.js';
import { attempt, createHttp } from './http-attempt.js';
import { RETRY_POLICY, backoffDelayMs, retryAfterDelayMs } from './retry-policy.js';

export interface GetRequest {
  readonly url: URL;
  readonly signal?: AbortSignal;
  /** Sent as `If-None-Match`; only ever an `ETag` the server sent for this URL. */
  readonly etag?: string;
}

export type GetResult =
  | { readonly kind: 'body'; readonly body: unknown; readonly etag: string | undefined }
  | { readonly kind: 'notModified' };

export interface ExecutorEvents {
  /** Each 429 answer, so that fan-out can slow down. */
  rateLimited(): void;
}

/** A 401 answered with a new token: the replay is immediate and costs no retry. */
class ReplayWithNewToken extends Error {}

/** Why a failed attempt is retried, and after how long. */
interface RetryPlan {
  readonly error: Error;
  /** When the server said to come back; without it, backoff. */
  readonly retryAtMs: number | undefined;
}

/**
 * Every GET of the client: a bearer token at call time, one forced refresh and one replay
 * on 401, Tibber's retry rules, a rate gate shared by all calls, and a budget for the
 * whole call. p-retry runs the attempts; its own waits are set to zero and the waits are
 * made in `onFailedAttempt` on the injected scheduler, since p-retry sleeps on the real
 * clock and needs full jitter and `Retry-After`, which it does not do.
 */
export class RequestExecutor {
  readonly #settings: ClientSettings;
  readonly #events: ExecutorEvents;
  readonly #http: AxiosInstance = createHttp();
  /** Until when every call waits: the shared answer to a 429 with `Retry-After`. */
  #blockedUntilMs = 0;

  constructor(settings: ClientSettings, events: ExecutorEvents) {
    this.#settings = settings;
    this.#events = events;
  }

  async get(request: GetRequest): Promise<GetResult> {
    const { auth, clock } = this.#settings;
    const what = `GET ${request.url.pathname}`;
    const deadlineMs = clock.now() + this.#settings.callBudgetMs;
    const signalOption = request.signal === undefined ? {} : { signal: request.signal };
    let token = await auth.getAccessToken(signalOption);
    let isReplay = false;
    const plans = new WeakMap<Error, RetryPlan>();

    const once = async (): Promise<GetResult> => {
      await this.#waitForGate(what, deadlineMs, request.signal);
      const response = await attempt(this.#http, this.#settings.scheduler, {
        url: request.url,
        headers: this.#headers(token, request.etag),
        what,
        timeoutMs: Math.max(1, Math.min(this.#settings.attemptTimeoutMs, deadlineMs - clock.now())),
        signal: request.signal,
      });

      const outcome = classifyResponse(response, what, clock.now(), this.#settings.maxRetryAfterMs);
      switch (outcome.kind) {
        case 'ok':
          return { kind: 'body', body: outcome.body, etag: outcome.etag };
        case 'notModified':
          if (request.etag === undefined) {
            throw new AbortError(new ServerError(`${what} answered 304 unasked`, 304));
          }
          return { kind: 'notModified' };
        case 'unauthorized': {
          // The provider decides what a second 401 means (the session manager asks for a
          // sign-in and tells its listeners); it is told either way.
          const replacement = await auth.refreshAfterUnauthorized(token, signalOption).catch(
            (error: unknown) => {
              throw new AbortError(error instanceof Error ? error : new Error(String(error)));
            },
          );
          if (isReplay) {
            throw new AbortError(new ReauthorizationRequiredError(`${what} refused a fresh token`));
          }
          token = replacement;
          isReplay = true;
          throw new ReplayWithNewToken();
        }
        case 'retryable': {
          if (outcome.error instanceof RateLimitedError) this.#events.rateLimited();
          plans.set(outcome.error, { error: outcome.error, retryAtMs: outcome.retryAtMs });
          throw outcome.error;
        }
        case 'final':
          throw new AbortError(outcome.error);
      }
    };

    return pRetry(once, {
      retries: RETRY_POLICY.attempts - 1,
      factor: RETRY_POLICY.factor,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      maxRetryTime: Number.POSITIVE_INFINITY,
      unref: true,
      ...signalOption,
      shouldConsumeRetry: ({ error }) => !(error instanceof ReplayWithNewToken),
      shouldRetry: ({ error }) => error instanceof ReplayWithNewToken || isRetryable(error),
      onFailedAttempt: async ({ error, retriesConsumed, retriesLeft }) => {
        if (error instanceof ReplayWithNewToken || !isRetryable(error) || retriesLeft === 0) {
          return;
        }
        const plan = plans.get(error) ?? { error, retryAtMs: undefined };
        await this.#waitBeforeRetry(plan, retriesConsumed + 1, deadlineMs, request.signal);
      },
    }).catch((error: unknown) => {
      // Rate limited to the end: every other call waits for the same moment.
      if (error instanceof RateLimitedError) {
        this.#blockedUntilMs = Math.max(this.#blockedUntilMs, error.retryAtMs);
      }
      throw error;
    });
  }

  #headers(token: string, etag: string | undefined): Record<string, string> {
    return {
      accept: 'application/json',
      authorization: `Bearer ${token}`,
      'user-agent': this.#settings.userAgent,
      ...(etag === undefined ? {} : { 'if-none-match': etag }),
    };
  }

  /**
   * The wait before retry `retryNumber`: a `Retry-After`, shared with every other call, or
   * full-jitter backoff. A wait past the call's budget ends the call now, with the error
   * that caused it (for a 429, carrying when to come back) instead of a hidden sleep.
   */
  async #waitBeforeRetry(
    plan: RetryPlan,
    retryNumber: number,
    deadlineMs: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { clock, random } = this.#settings;
    if (plan.retryAtMs === undefined) {
      await this.#sleep(backoffDelayMs(retryNumber, random), deadlineMs, plan.error, signal);
      return;
    }
    this.#blockedUntilMs = Math.max(this.#blockedUntilMs, plan.retryAtMs);
    const delayMs = retryAfterDelayMs(plan.retryAtMs, clock.now(), random);
    await this.#sleep(delayMs, deadlineMs, plan.error, signal);
  }

  async #waitForGate(what: string, deadlineMs: number, signal: AbortSignal | undefined) {
    const waitMs = this.#blockedUntilMs - this.#settings.clock.now();
    if (waitMs <= 0) return;
    const error = new RateLimitedError(`${what} waits out a rate limit`, this.#blockedUntilMs);
    await this.#sleep(waitMs, deadlineMs, error, signal)
      .catch((failure: unknown) => {
        throw new AbortError(failure instanceof Error ? failure : new Error(String(failure)));
      });
  }

  /** Waits on the scheduler, or throws `overBudget` at once when the wait would outlast it. */
  async #sleep(
    delayMs: number,
    deadlineMs: number,
    overBudget: Error,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const { clock, scheduler } = this.#settings;
    // Thrown from onFailedAttempt, this ends the retries with this error.
    if (clock.now() + delayMs > deadlineMs) throw overBudget;
    if (delayMs <= 0) return;

    signal?.throwIfAborted();
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        scheduler.clearTimeout(handle);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const handle = scheduler.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

function isRetryable(error: Error): boolean {
  if (!(error instanceof TibberDataError)) return false;
  return error.code === 'rate_limited' || error.code === 'server' ||
    error.code === 'network' || error.code === 'timeout';
}
