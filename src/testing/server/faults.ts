import type { WireJson } from '../scenario/source.js';
import type { RouteMatch, RouteName } from './router.js';

/** How a `Retry-After` header is written: seconds, an HTTP-date, or anything at all. */
export type RetryAfter =
  | { readonly kind: 'seconds'; readonly seconds: number }
  | { readonly kind: 'httpDate'; readonly atMs: number }
  | { readonly kind: 'raw'; readonly value: string };

export type FaultBody =
  | { readonly kind: 'json'; readonly value: WireJson }
  | { readonly kind: 'text'; readonly value: string };

/**
 * What goes wrong with one response. Faults that answer in the handler's place (`status`,
 * `oauthError`, `html`, `text`, `hang`, `reset`) skip the handler, so a faulted token
 * request consumes no code or refresh token. The others let the handler run first and
 * then rework or cut its answer: the server has then acted (rotated a refresh token, say)
 * even though the client never learns of it, as after a real dropped connection.
 */
export type Fault =
  /** Default body `{"error": <reason phrase>}`. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: FaultBody;
      readonly retryAfter?: RetryAfter;
    }
  /** An RFC 6749 error; status defaults to 401 for `invalid_client`, else 400. */
  | {
      readonly kind: 'oauthError';
      readonly error: string;
      readonly status?: number;
      readonly description?: string;
    }
  /** A proxy's error page; default markup names the status. */
  | { readonly kind: 'html'; readonly status: number; readonly html?: string }
  | { readonly kind: 'text'; readonly status: number; readonly text: string }
  /** Status 200 and a complete HTTP message whose JSON is cut short (default: half). */
  | { readonly kind: 'truncatedJson'; readonly keepBytes?: number }
  /** The handler's body under another content type (default `text/html; charset=utf-8`). */
  | { readonly kind: 'wrongContentType'; readonly contentType?: string }
  /** Waits on the server's `Scheduler`, then answers normally. */
  | { readonly kind: 'latency'; readonly delayMs: number }
  /** Never answers; ends when the client aborts or the server closes. */
  | { readonly kind: 'hang' }
  /** A TCP reset before any byte of the response. */
  | { readonly kind: 'reset' }
  /** The status line, headers and part of the body (default: half), then the socket closes. */
  | { readonly kind: 'resetMidBody'; readonly keepBytes?: number }
  /** A device detail without this capability, for this one response. */
  | { readonly kind: 'capabilityVanishes'; readonly capabilityId: string }
  /** A device detail with this capability's `value` null, for this one response. */
  | { readonly kind: 'capabilityNull'; readonly capabilityId: string }
  /** A refresh that does not rotate: no `refresh_token` in the response, the old one lives. */
  | { readonly kind: 'omitRefreshToken' };

export type FaultRoute = RouteName | 'any';

/**
 * When a rule fires. `times` counts firings: rules added one after another fire one after
 * another. `nth` counts the matching requests the rule has seen since it was added,
 * whichever rule answered them. Without any of the three: `times: 1`.
 */
export interface FaultRuleInput {
  readonly route: FaultRoute;
  readonly match?: { readonly homeId?: string; readonly deviceId?: string };
  readonly nth?: number;
  readonly times?: number;
  readonly always?: true;
  readonly fault: Fault;
}

export interface FaultRule {
  readonly fault: Fault;
  readonly firedCount: number;
  remove(): void;
}

type Schedule =
  | { readonly kind: 'nth'; readonly n: number }
  | { readonly kind: 'times'; readonly n: number }
  | { readonly kind: 'always' };

interface Rule extends FaultRule {
  readonly input: FaultRuleInput;
  readonly schedule: Schedule;
  seen: number;
  firedCount: number;
}

/** The faults armed on a server, consulted once per request in the order they were added. */
export class FaultPlan {
  #rules: Rule[] = [];

  add(input: FaultRuleInput): FaultRule {
    const rule: Rule = {
      input,
      fault: input.fault,
      schedule: scheduleOf(input),
      seen: 0,
      firedCount: 0,
      remove: () => {
        this.#rules = this.#rules.filter((r) => r !== rule);
      },
    };
    this.#rules.push(rule);
    return rule;
  }

  clear(): void {
    this.#rules = [];
  }

  /** Rules that may still fire. */
  get size(): number {
    return this.#rules.filter((r) => !isSpent(r)).length;
  }

  /**
   * Called by the server once per request: picks its fault, and every matching rule counts
   * the request as seen. Tests have no reason to call it.
   */
  take(route: RouteMatch): Fault | undefined {
    const matching = this.#rules.filter((r) => matches(r.input, route));
    for (const rule of matching) rule.seen += 1;

    const firing = matching.find((r) => isDue(r));
    if (firing === undefined) return undefined;
    firing.firedCount += 1;
    return firing.fault;
  }
}

function scheduleOf(input: FaultRuleInput): Schedule {
  const given = [input.nth, input.times, input.always].filter((v) => v !== undefined);
  if (given.length > 1) throw new RangeError('a fault rule takes one of nth, times and always');
  if (input.always === true) return { kind: 'always' };

  const n = input.nth ?? input.times ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('nth and times must be positive');
  return input.nth === undefined ? { kind: 'times', n } : { kind: 'nth', n };
}

function matches(input: FaultRuleInput, route: RouteMatch): boolean {
  if (input.route !== 'any' && input.route !== route.name) return false;
  const homeId = 'homeId' in route ? route.homeId : undefined;
  const deviceId = 'deviceId' in route ? route.deviceId : undefined;
  if (input.match?.homeId !== undefined && input.match.homeId !== homeId) return false;
  return input.match?.deviceId === undefined || input.match.deviceId === deviceId;
}

function isDue(rule: Rule): boolean {
  switch (rule.schedule.kind) {
    case 'always':
      return true;
    case 'times':
      return rule.firedCount < rule.schedule.n;
    case 'nth':
      return rule.seen === rule.schedule.n;
  }
}

function isSpent(rule: Rule): boolean {
  switch (rule.schedule.kind) {
    case 'always':
      return false;
    case 'times':
      return rule.firedCount >= rule.schedule.n;
    case 'nth':
      return rule.seen >= rule.schedule.n;
  }
}
