import { createHash, randomBytes } from 'node:crypto';
import { afterEach } from 'vitest';

import { ManualClock } from '../../../src/shared/clock.js';
import type { MockTibberServerOptions } from '../../../src/testing/server/index.js';
import { DEFAULT_MOCK_CLIENT, MockTibberServer } from '../../../src/testing/server/index.js';
import { fixtureScenario } from './fixture.js';

/** 2026-01-10 12:34 UTC, 13:34 in Oslo. */
export const CLOCK_START_MS = Date.UTC(2026, 0, 10, 12, 34);
export const USER_AGENT = 'ServerTests/1.0.0 tibber-data/0.1.0 (linux)';
export const CLIENT = DEFAULT_MOCK_CLIENT;
export const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export interface Harness {
  readonly server: MockTibberServer;
  readonly clock: ManualClock;
}

export async function startHarness(
  options: Partial<MockTibberServerOptions> = {},
): Promise<Harness> {
  const clock = new ManualClock(CLOCK_START_MS);
  const server = await MockTibberServer.start({
    scenario: fixtureScenario(),
    clock,
    scheduler: clock,
    ...options,
  });
  return { server, clock };
}

/** The harnesses of one test file: `start` one in a test, and it closes after that test. */
export interface HarnessHandle {
  /** Starts a harness (see `startHarness`) for the running test and remembers it. */
  start(options?: Partial<MockTibberServerOptions>): Promise<Harness>;
  /** The harness the running test started last; throws if it started none. */
  current(): Harness;
}

/**
 * Starts a harness per test and closes it after each one. Call at the top of a test file.
 * The methods use no `this`, so they may be destructured.
 */
export function useHarness(): HarnessHandle {
  let started: Harness[] = [];

  afterEach(async () => {
    const closing = started;
    started = [];
    for (const harness of closing) await harness.server.close();
  });

  return {
    async start(options = {}) {
      const harness = await startHarness(options);
      started.push(harness);
      return harness;
    },
    current() {
      const harness = started.at(-1);
      if (harness === undefined) throw new Error('start a harness first');
      return harness;
    },
  };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorization URL with every parameter right; `overrides` set or (undefined) drop one. */
export function authorizeUrl(
  server: MockTibberServer,
  challenge: string,
  overrides: Record<string, string | undefined> = {},
): string {
  const params: Record<string, string | undefined> = {
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile email offline_access data-api-homes-read data-api-vehicles-read',
    state: 'state-123',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  };
  const url = new URL(server.endpoints.authorization);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

export async function authorizeRedirect(url: string): Promise<URL> {
  const response = await fetch(url, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`expected a redirect, got ${response.status}`);
  return new URL(response.headers.get('location') ?? '');
}

export function postToken(
  server: MockTibberServer,
  form: Record<string, string>,
): Promise<Response> {
  return fetch(server.endpoints.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
    body: new URLSearchParams(form).toString(),
  });
}

export interface LoginResult {
  readonly code: string;
  readonly verifier: string;
  readonly body: Record<string, unknown>;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** The whole browser flow: authorize, then redeem the code. */
export async function login(
  server: MockTibberServer,
  overrides: Record<string, string | undefined> = {},
): Promise<LoginResult> {
  const { verifier, challenge } = pkcePair();
  const location = await authorizeRedirect(authorizeUrl(server, challenge, overrides));
  const code = location.searchParams.get('code') ?? '';
  const response = await postToken(server, codeForm(code, verifier));
  const body = (await response.json()) as Record<string, unknown>;
  return {
    code,
    verifier,
    body,
    accessToken: String(body['access_token']),
    refreshToken: String(body['refresh_token']),
  };
}

export function codeForm(code: string, verifier: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
  };
}

export function refreshForm(refreshToken: string): Record<string, string> {
  return {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
  };
}

export interface DataRequestOptions {
  readonly headers?: Record<string, string>;
  readonly method?: string;
  readonly signal?: AbortSignal;
}

/** The token endpoint's success body. */
export interface TokenBody {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly scope: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
}

export async function tokenBody(response: Response): Promise<TokenBody> {
  return (await response.json()) as TokenBody;
}

/** The `detail` of a problem-details body. */
export async function problemDetail(response: Response): Promise<string> {
  return ((await response.json()) as { detail: string }).detail;
}

/** A Data API GET with a bearer token and a User-Agent, unless told otherwise. */
export function getData(
  server: MockTibberServer,
  pathOrUrl: string,
  accessToken: string | undefined,
  options: DataRequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...options.headers };
  if (accessToken !== undefined) headers['authorization'] = `Bearer ${accessToken}`;
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${server.url}${pathOrUrl}`;
  const init: RequestInit = { method: options.method ?? 'GET', headers };
  if (options.signal !== undefined) init.signal = options.signal;
  return fetch(url, init);
}
