import type { OAuthSession } from '../models/index.js';

/**
 * Where one account's session lives between runs. Small on purpose, so that a shared store
 * (Redis, a database) for a service with many accounts fits behind it as well as a file:
 * one store instance per account.
 *
 * The session manager relies on three promises:
 * - `save` is atomic and durable: when it resolves, a `load` anywhere returns the new
 *   session whole; when it rejects, a `load` returns the old session or the new one,
 *   whole, never a mix (a file store may have renamed the new file into place and then
 *   failed to flush its directory).
 * - `exclusive` keeps every other holder of the same store (other processes, other
 *   instances) out while its task runs, so two of them never refresh at once. The
 *   manager re-reads the store inside it, and uses what another holder saved.
 * - Failures are `TokenStoreError`s, and never show a token.
 */
export interface TokenStore {
  /** The stored session, or `undefined` when there is none. */
  load(): Promise<OAuthSession | undefined>;

  save(session: OAuthSession): Promise<void>;

  /** Removes the session (sign-out). Resolves when it is gone; idempotent. */
  clear(): Promise<void>;

  /** Runs `task` while no other holder of this store runs one, and resolves with its result. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}
