import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import type { TimerHandle } from '../../shared/clock.js';
import type { MockUser } from '../scenario/source.js';
import { AuthorizationCodes } from './authorization-codes.js';
import type { ServerContext } from './context.js';
import { FaultPlan } from './faults.js';
import { HistoryCursors } from './history-cursors.js';
import { SigningKey } from './jwt.js';
import type { MockTibberServerOptions } from './options.js';
import { resolveSettings } from './options.js';
import type { PipelineEnv } from './request-pipeline.js';
import { serveRequest } from './request-pipeline.js';
import type { LoggedRequest, RouteFilter } from './request-log.js';
import { RequestLog } from './request-log.js';
import { MOCK_PATHS } from './router.js';
import type { IssuedTokens } from './token-issuer.js';
import { issueTokens } from './token-issuer.js';
import { TokenStore } from './token-store.js';

/** Absolute URLs of everything the server offers. */
export interface MockEndpoints {
  readonly discovery: string;
  readonly jwks: string;
  readonly authorization: string;
  readonly token: string;
  readonly userinfo: string;
  /** Base of the Data API: append `/v1/homes`. */
  readonly dataApi: string;
}

export interface IssueTokensOptions {
  /** Default: the grantable scopes. Minted as given, even beyond what is grantable. */
  readonly scopes?: readonly string[];
  /** Default: the first registered client. */
  readonly clientId?: string;
  readonly nonce?: string;
}

interface PendingDelay {
  readonly handle: TimerHandle;
  readonly resolve: (elapsed: boolean) => void;
}

/**
 * A Tibber on loopback: OIDC login, the Data API, fault injection and a request log.
 * Start it with `MockTibberServer.start`, and always `close` it.
 */
export class MockTibberServer {
  readonly url: string;
  readonly issuer: string;
  readonly endpoints: MockEndpoints;
  readonly faults = new FaultPlan();
  readonly #server: Server;
  readonly #context: ServerContext;
  readonly #log = new RequestLog();
  readonly #sockets = new Set<Socket>();
  readonly #delays = new Set<PendingDelay>();
  #closing: Promise<void> | undefined;

  private constructor(server: Server, context: ServerContext) {
    this.#server = server;
    this.#context = context;
    this.url = context.issuer;
    this.issuer = context.issuer;
    this.endpoints = {
      discovery: `${this.url}${MOCK_PATHS.discovery}`,
      jwks: `${this.url}${MOCK_PATHS.jwks}`,
      authorization: `${this.url}${MOCK_PATHS.authorize}`,
      token: `${this.url}${MOCK_PATHS.token}`,
      userinfo: `${this.url}${MOCK_PATHS.userinfo}`,
      dataApi: this.url,
    };

    const env: PipelineEnv = {
      context,
      log: this.#log,
      faults: this.faults,
      delay: (ms) => this.#delay(ms),
    };
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    server.on('request', (request, response) => {
      serveRequest(env, request, response).catch(() => {
        // Only the client vanishing mid-request lands here; there is no one left to answer.
        response.destroy();
      });
    });
  }

  static async start(options: MockTibberServerOptions): Promise<MockTibberServer> {
    const settings = resolveSettings(options);
    const signer = await (settings.isolatedSigningKey
      ? SigningKey.generate()
      : SigningKey.shared());
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });

    const { port } = server.address() as AddressInfo;
    const issuer = `http://127.0.0.1:${port}`;
    const tokens = new TokenStore({
      signer,
      issuer,
      accessTokenTtlMs: settings.accessTokenTtlMs,
      refreshTokenTtlMs: settings.refreshTokenTtlMs,
    });
    const codes = new AuthorizationCodes(settings.authorizationCodeTtlMs);
    const cursors = new HistoryCursors();
    return new MockTibberServer(server, { settings, issuer, signer, codes, tokens, cursors });
  }

  get user(): MockUser {
    return this.#context.settings.scenario.user;
  }

  /** Every request since the last `clearRequests`, in arrival order. */
  get requests(): readonly LoggedRequest[] {
    return this.#log.entries;
  }

  clearRequests(): void {
    this.#log.clear();
  }

  countRequests(route: RouteFilter = 'any'): number {
    return this.#log.count(route);
  }

  /** Resolves with the `count`-th request to `route` since the last clear, once it arrives. */
  waitForRequest(route: RouteFilter = 'any', count = 1): Promise<LoggedRequest> {
    return this.#log.waitFor(route, count);
  }

  /** Mints a token pair as a completed login would, without the browser round trip. */
  issueTokens(options: IssueTokensOptions = {}): IssuedTokens {
    const { settings, tokens } = this.#context;
    const clientId = options.clientId ?? settings.clients[0]?.clientId;
    if (clientId === undefined || !settings.clients.some((c) => c.clientId === clientId)) {
      throw new RangeError(`client ${String(clientId)} is not registered`);
    }
    const scopes = options.scopes ?? settings.grantableScopes;
    const familyId = tokens.startFamily({ clientId, sub: this.user.sub, scopes });
    return issueTokens(this.#context, {
      familyId,
      nowMs: settings.clock.now(),
      withRefreshToken: scopes.includes('offline_access'),
      idToken: scopes.includes('openid') ? { nonce: options.nonce } : undefined,
    });
  }

  /** Expires one access token, or all, as of the server clock; returns how many changed. */
  expireAccessTokens(accessToken?: string): number {
    return this.#context.tokens.expireAccess(this.#context.settings.clock.now(), accessToken);
  }

  /** The user withdraws consent: every token and unredeemed code stops working at once. */
  revokeAll(): void {
    this.#context.tokens.revokeGrants('allTokens');
    this.#context.codes.revokeAll();
  }

  /**
   * The operator deletes a client (or all): later refreshes fail, while access tokens live
   * until they expire, as Tibber documents.
   */
  revokeRefreshTokens(clientId?: string): void {
    this.#context.tokens.revokeGrants('refreshTokens', clientId);
  }

  /** Stops listening and destroys every socket, hanging ones included. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    const { scheduler } = this.#context.settings;
    for (const pending of this.#delays) {
      scheduler.clearTimeout(pending.handle);
      pending.resolve(false);
    }
    this.#delays.clear();

    const closed = new Promise<void>((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  #delay(ms: number): Promise<boolean> {
    if (this.#closing !== undefined) return Promise.resolve(false);
    const { scheduler } = this.#context.settings;
    return new Promise((resolve) => {
      const pending: PendingDelay = {
        handle: scheduler.setTimeout(() => {
          this.#delays.delete(pending);
          resolve(true);
        }, ms),
        resolve,
      };
      this.#delays.add(pending);
    });
  }
}
