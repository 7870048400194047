/**
 * A real OpenID provider (panva's certified `oidc-provider`) on loopback, for proving our OAuth
 * client against more than our own mock. Everything happens in-process over 127.0.0.1; the
 * end-user's login and consent are automatic and driven over plain HTTP by `approve()`.
 *
 * Importing `oidc-provider` on Node 20 prints, once per process, "oidc-provider WARNING:
 * Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release." It only checks the LTS
 * codename; everything used here works on Node 20. The harness configures every hook the
 * provider would otherwise warn about, so nothing else is printed.
 */
import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import type { Account, Configuration, JWK, KoaContextWithOIDC } from 'oidc-provider';
import Provider, { errors } from 'oidc-provider';

import { TIBBER_SCOPES } from '../../../src/testing/index.js';
import { CookieJar } from './cookie-jar.js';
import { createMemoryAdapter } from './memory-adapter.js';

export interface OidcProviderHarness {
  /** The issuer identifier, `http://127.0.0.1:PORT` (no trailing slash). */
  readonly issuer: string;
  /**
   * The one registered client: confidential, code + refresh_token, registered with
   * `client_secret_post` (oidc-provider 9 accepts `client_secret_basic` for it all the same).
   */
  readonly client: { clientId: string; clientSecret: string; redirectUri: string };
  /** The `sub` of the only account; every approval logs this user in. */
  readonly subject: string;
  /**
   * Follows the authorization URL the way a consenting user would (login + consent, no
   * browser), returns the final redirect to redirectUri (with code & state) as a URL. An
   * authorization error the provider redirects back (`?error=...`) is returned the same way;
   * anything else that stops the chain (an error page, a foreign origin) throws. Each call
   * starts with an empty cookie jar: a fresh browser, so the login prompt always comes.
   */
  approve(authorizationUrl: URL | string): Promise<URL>;
  /**
   * Number of token endpoint requests by grant type so far, for exact request-count assertions.
   * Failed requests count too; a request whose form body the provider cannot read (wrong
   * content type), or with another grant_type, counts in neither.
   */
  tokenRequests(): { authorization_code: number; refresh_token: number };
  /** Closes the server and every open connection. Idempotent. */
  close(): Promise<void>;
}

export interface OidcProviderOptions {
  /** Lifetime of issued access tokens (`expires_in`). Default 3600. */
  readonly accessTokenTtlSeconds?: number;
  /**
   * Rotate refresh tokens: each use consumes the presented one and issues a new one, and using
   * a consumed one fails with `invalid_grant` and revokes the whole grant. Default true.
   */
  readonly rotateRefreshTokens?: boolean;
  /** Every scope the provider supports. Default {@link DEFAULT_PROVIDER_SCOPES}. */
  readonly scopes?: readonly string[];
  /** The client's only redirect URI, matched exactly. Never fetched. Default port 8765. */
  readonly redirectUri?: string;
}

/** Tibber's scopes for a Data API client, as the mock server grants them. */
export const DEFAULT_PROVIDER_SCOPES: readonly string[] = TIBBER_SCOPES;

export const OIDC_TEST_SUBJECT = 'user-oidc-1';

const CLIENT_ID = 'tibber-data-oidc-test-client';
const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';
const INTERACTION_PATH = /^\/interaction\/([\w-]+)$/;
const MAX_REDIRECTS = 10;

/** Claims per scope; a scope not offered by the provider gets no claims either. */
const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  profile: ['name', 'preferred_username'],
  email: ['email', 'email_verified'],
};

const ACCOUNT_CLAIMS = {
  sub: OIDC_TEST_SUBJECT,
  name: 'Oidc Test User',
  preferred_username: 'oidc-test-user',
  email: 'user-oidc-1@example.test',
  email_verified: true,
};

export async function startOidcProvider(
  options: OidcProviderOptions = {},
): Promise<OidcProviderHarness> {
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  if (!Number.isSafeInteger(accessTokenTtl) || accessTokenTtl <= 0) {
    throw new RangeError(`accessTokenTtlSeconds must be a positive integer, not ${accessTokenTtl}`);
  }
  const scopes = options.scopes ?? DEFAULT_PROVIDER_SCOPES;
  const client = {
    clientId: CLIENT_ID,
    clientSecret: randomBytes(24).toString('base64url'),
    redirectUri: options.redirectUri ?? DEFAULT_REDIRECT_URI,
  };
  const counts = { authorization_code: 0, refresh_token: 0 };

  // The issuer needs the port, and the provider needs the issuer: listen first, route later.
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = (_req, res) => {
    res.writeHead(503).end();
    return Promise.resolve();
  };
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // Only the interaction handler gets here (the provider answers its own errors), e.g.
      // with "invalid_request: interaction session id cookie not found".
      if (!res.headersSent) {
        const status = error instanceof errors.OIDCProviderError ? error.statusCode : 500;
        res.writeHead(status, { 'content-type': 'text/plain' });
      }
      res.end(errorText(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    adapter: createMemoryAdapter(),
    jwks: { keys: [await signingKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    responseTypes: ['code'],
    // redirect_uri is required in both requests, as OpenID Connect asks; never filled in.
    allowOmittingSingleRegisteredRedirectUri: false,
    pkce: { required: () => true },
    scopes,
    claims: {
      openid: ['sub'],
      ...Object.fromEntries(
        Object.entries(SCOPE_CLAIMS).filter(([scope]) => scopes.includes(scope)),
      ),
    },
    findAccount: (_ctx, sub): Account | undefined =>
      sub === OIDC_TEST_SUBJECT ? { accountId: sub, claims: () => ACCOUNT_CLAIMS } : undefined,
    // The provider's default: a refresh token needs the refresh_token grant and offline_access,
    // and the authorization endpoint drops offline_access unless the request has prompt=consent
    // (OpenID Connect Core 1.0, section 11). Spelled out so that the rule is visible here.
    issueRefreshToken: (_ctx, registered, code) =>
      registered.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: options.rotateRefreshTokens ?? true,
    features: {
      // The built-in login pages would print a warning; /interaction/:uid is handled below.
      devInteractions: { enabled: false },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // Tokens expire exactly at `exp` rather than 15 s later, so expiry tests need no margin.
    clockTolerance: 0,
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 14 * 24 * 3600,
      Interaction: 600,
      Session: 3600,
      Grant: 14 * 24 * 3600,
    },
    // Loopback only, no browser: any origin may call; errors render as JSON, not HTML.
    clientBasedCORS: () => true,
    renderError: (ctx, out) => {
      ctx.type = 'json';
      ctx.body = out;
    },
  };
  const provider = new Provider(issuer, configuration);

  // Not every request gets an OIDC context (a 404 does not), hence the optional `oidc`.
  provider.use(async (ctx: { oidc?: KoaContextWithOIDC['oidc'] }, next) => {
    await next();
    // After the provider ran, so that its own body parser has read grant_type. Counts every
    // request the token route handled, failed ones included.
    if (ctx.oidc?.route === 'token') {
      const grantType = ctx.oidc.params?.['grant_type'];
      if (grantType === 'authorization_code' || grantType === 'refresh_token') {
        counts[grantType] += 1;
      }
    }
  });

  const providerCallback = provider.callback();
  route = async (req, res) => {
    const uid = INTERACTION_PATH.exec(new URL(req.url ?? '/', issuer).pathname)?.[1];
    if (uid === undefined) {
      await providerCallback(req, res);
    } else {
      await interact(provider, req, res);
    }
  };

  let closed: Promise<void> | undefined;
  return {
    issuer,
    client,
    subject: OIDC_TEST_SUBJECT,
    approve: (authorizationUrl) => approve(issuer, client.redirectUri, authorizationUrl),
    tokenRequests: () => ({ ...counts }),
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) {
            resolve();
          } else {
            reject(error);
          }
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/**
 * The end-user at /interaction/:uid, agreeing to everything: logs in as the only account at
 * the login prompt, grants every missing scope and claim at the consent prompt. Answers with
 * the provider's 303 back to the authorization endpoint.
 */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse) {
  const interaction = await provider.interactionDetails(req, res);
  const { name, details } = interaction.prompt;
  if (name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: OIDC_TEST_SUBJECT } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (name !== 'consent') {
    throw new Error(`unexpected prompt ${name}`);
  }
  const accountId = interaction.session?.accountId;
  const clientId = interaction.params['client_id'];
  if (accountId === undefined || typeof clientId !== 'string') {
    throw new Error('consent prompt without a logged-in account or client');
  }
  const existing =
    interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const missingScope = stringArray(details['missingOIDCScope']);
  if (missingScope.length > 0) {
    grant.addOIDCScope(missingScope);
  }
  const missingClaims = stringArray(details['missingOIDCClaims']);
  if (missingClaims.length > 0) {
    grant.addOIDCClaims(missingClaims);
  }
  const missingResourceScopes = details['missingResourceScopes'];
  if (typeof missingResourceScopes === 'object' && missingResourceScopes !== null) {
    for (const [resource, resourceScopes] of Object.entries(missingResourceScopes)) {
      grant.addResourceScope(resource, stringArray(resourceScopes));
    }
  }
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { consent: existing === undefined ? { grantId } : {} },
    { mergeWithLastSubmission: true },
  );
}

function errorText(error: unknown): string {
  if (error instanceof errors.OIDCProviderError) {
    return `${error.error}: ${error.error_description ?? error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];
}

/** A user agent following the provider's redirects, with cookies, until it is sent home. */
async function approve(
  issuer: string,
  redirectUri: string,
  authorizationUrl: URL | string,
): Promise<URL> {
  const home = new URL(redirectUri);
  const providerOrigin = new URL(issuer).origin;
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (url.origin !== providerOrigin) {
      throw new Error(`approve() was sent to ${url.href}, outside the provider ${issuer}`);
    }
    const cookie = jar.header(url);
    const response = await fetch(url, {
      redirect: 'manual',
      headers: cookie === undefined ? {} : { cookie },
    });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) {
      const body = await response.text();
      throw new Error(`approve(): ${url.pathname} answered ${response.status}: ${body}`);
    }
    await response.body?.cancel();
    const next = new URL(location, url);
    if (next.origin === home.origin && next.pathname === home.pathname) {
      return next;
    }
    url = next;
  }
  throw new Error(`approve(): more than ${MAX_REDIRECTS} redirects`);
}

let key: Promise<JWK> | undefined;

/** One RS256 key per test process: RSA generation is the slowest part of starting up. */
function signingKey(): Promise<JWK> {
  key ??= promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then(({ privateKey }) => ({
    ...privateKey.export({ format: 'jwk' }),
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  }));
  return key;
}
