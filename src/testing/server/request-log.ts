import type { Fault } from './faults.js';
import type { RouteName } from './router.js';

/** One request as the server received it. */
export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed body of a form-encoded request. */
  readonly form?: Readonly<Record<string, string>>;
  /** Server clock at arrival. */
  readonly atMs: number;
  readonly route: RouteName;
  /** Set when the status line is sent; stays `undefined` for a hang or a reset. */
  readonly status: number | undefined;
  /** The fault injected into this request, if one was. */
  readonly fault: Fault['kind'] | undefined;
}

export type RouteFilter = RouteName | 'any';

type Entry = { -readonly [K in keyof LoggedRequest]: LoggedRequest[K] };

interface Waiter {
  readonly route: RouteFilter;
  readonly count: number;
  readonly resolve: (request: LoggedRequest) => void;
}

/** The requests received since the last clear, in arrival order. */
export class RequestLog {
  #entries: Entry[] = [];
  #waiters: Waiter[] = [];

  get entries(): readonly LoggedRequest[] {
    return this.#entries;
  }

  /** Returns the live entry, so the server can fill in status and fault afterwards. */
  record(request: Omit<LoggedRequest, 'status' | 'fault'>): Entry {
    const entry: Entry = { ...request, status: undefined, fault: undefined };
    this.#entries.push(entry);
    return entry;
  }

  /**
   * Wakes waiters once the entry is complete up to its fault decision. The server calls this
   * in the same turn as it arms a latency timer, so a woken test sees that timer pending.
   */
  announce(entry: Entry): void {
    const due = this.#waiters.filter((w) => w.route === 'any' || w.route === entry.route);
    for (const waiter of due) {
      if (this.count(waiter.route) < waiter.count) continue;
      this.#waiters = this.#waiters.filter((w) => w !== waiter);
      waiter.resolve(entry);
    }
  }

  clear(): void {
    this.#entries = [];
  }

  count(route: RouteFilter = 'any'): number {
    return this.#entries.filter((e) => route === 'any' || e.route === route).length;
  }

  /** Resolves with the `count`-th matching request since the last clear. */
  waitFor(route: RouteFilter, count: number): Promise<LoggedRequest> {
    const matching = this.#entries.filter((e) => route === 'any' || e.route === route);
    const reached = matching[count - 1];
    if (reached !== undefined) return Promise.resolve(reached);
    return new Promise((resolve) => this.#waiters.push({ route, count, resolve }));
  }
}
