import type { OAuthSession } from '../models/index.js';
import type { TokenStore } from './token-store.js';

/**
 * A store that lives as long as the process: for tests, and for a host that keeps the
 * session itself. `exclusive` orders the tasks of this instance only, which is all there is
 * to exclude when nothing else can reach the session.
 */
export class MemoryTokenStore implements TokenStore {
  #session: OAuthSession | undefined;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(session?: OAuthSession) {
    this.#session = session;
  }

  load(): Promise<OAuthSession | undefined> {
    return Promise.resolve(this.#session);
  }

  save(session: OAuthSession): Promise<void> {
    this.#session = session;
    return Promise.resolve();
  }

  clear(): Promise<void> {
    this.#session = undefined;
    return Promise.resolve();
  }

  /** Runs `task` after every task started before it has settled. Not reentrant. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(() => task());
    // The chain only orders the tasks; each failure reaches its own caller through `result`.
    this.#tail = result.then(() => undefined, () => undefined);
    return result;
  }
}
