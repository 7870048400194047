import type { AuthorizationCodes } from './authorization-codes.js';
import type { HistoryCursors } from './history-cursors.js';
import type { SigningKey } from './jwt.js';
import type { ServerSettings } from './options.js';
import type { TokenStore } from './token-store.js';

/** What every handler may use: the settings and the server's state. */
export interface ServerContext {
  readonly settings: ServerSettings;
  /** The base URL, without a trailing slash; also the OIDC issuer. */
  readonly issuer: string;
  readonly signer: SigningKey;
  readonly codes: AuthorizationCodes;
  readonly tokens: TokenStore;
  readonly cursors: HistoryCursors;
}

/** One request, parsed; `nowMs` is the server clock when it arrived. */
export interface IncomingCall {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  /** The body of an `application/x-www-form-urlencoded` request. */
  readonly form: URLSearchParams | undefined;
  readonly nowMs: number;
}
