import * as oidc from 'openid-client';

import { ConfigurationError, TibberDataError } from '../shared/errors.js';
import type { AuthSettings } from './auth-settings.js';
import { classifyEndpointFailure } from './classify-endpoint-failure.js';
import { endpointFetch } from './token-endpoint-fetch.js';

/**
 * Plain http, which openid-client refuses by default. Settings allow it only when every
 * server URL is on loopback (the mock server in tests), never anywhere else.
 */
const allowLoopbackHttp: (config: oidc.Configuration) => void =
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out
  oidc.allowInsecureRequests;

/**
 * openid-client's `Configuration` for our settings. The server's metadata is discovered
 * once (or taken from explicit endpoints); a fresh `Configuration` is then made for every
 * exchange, since openid-client reads the clock skew only when one is made, and ours
 * follows the injected clock, which tests move by hand.
 */
export class OidcConnection {
  readonly #settings: AuthSettings;
  readonly #fetch: oidc.CustomFetch;
  #metadata: Promise<oidc.ServerMetadata> | undefined;

  constructor(settings: AuthSettings) {
    this.#settings = settings;
    this.#fetch = endpointFetch({
      userAgent: settings.userAgent,
      timeoutMs: settings.requestTimeoutMs,
      scheduler: settings.scheduler,
    });
  }

  /** A configuration for one exchange; discovers the server first if need be. */
  async configuration(): Promise<oidc.Configuration> {
    const metadata = await this.#serverMetadata();
    const { clientId, clientSecret, clock, clockToleranceMs } = this.#settings;

    const config = new oidc.Configuration(
      metadata,
      clientId,
      {
        client_secret: clientSecret,
        [oidc.clockSkew]: Math.round((clock.now() - Date.now()) / 1_000),
        [oidc.clockTolerance]: Math.round(clockToleranceMs / 1_000),
      },
      oidc.ClientSecretPost(clientSecret),
    );
    this.#prepare(config);
    return config;
  }

  #prepare(config: oidc.Configuration): void {
    config[oidc.customFetch] = this.#fetch;
    // Our fetch enforces the time-out on the injected scheduler; this is only a backstop.
    config.timeout = Math.ceil(this.#settings.requestTimeoutMs / 1_000) + 5;
    if (this.#settings.isLoopback) allowLoopbackHttp(config);
  }

  /** Discovered once; a failed discovery is forgotten so that the next exchange tries again. */
  #serverMetadata(): Promise<oidc.ServerMetadata> {
    this.#metadata ??= this.#loadMetadata().catch((error: unknown) => {
      this.#metadata = undefined;
      throw error;
    });
    return this.#metadata;
  }

  async #loadMetadata(): Promise<oidc.ServerMetadata> {
    const { issuer, endpoints, clientId, clientSecret, isLoopback } = this.#settings;
    if (endpoints !== undefined) {
      return {
        issuer: issuer.href.replace(/\/$/, ''),
        authorization_endpoint: endpoints.authorization,
        token_endpoint: endpoints.token,
        ...(endpoints.userinfo === undefined ? {} : { userinfo_endpoint: endpoints.userinfo }),
      };
    }

    try {
      const discovered = await oidc.discovery(issuer, clientId, clientSecret, undefined, {
        [oidc.customFetch]: this.#fetch,
        execute: isLoopback ? [allowLoopbackHttp] : [],
      });
      // A plain copy: the returned metadata carries helper functions a clone cannot hold.
      return JSON.parse(JSON.stringify(discovered.serverMetadata())) as oidc.ServerMetadata;
    } catch (error) {
      const failure = classifyEndpointFailure(error, 'discovery', this.#settings.clock.now());
      if (failure instanceof TibberDataError && failure.code !== 'reauthorization_required') {
        throw failure;
      }
      throw new ConfigurationError(
        `no OpenID discovery document at ${issuer.origin}; name the endpoints explicitly`,
        { cause: failure },
      );
    }
  }
}
