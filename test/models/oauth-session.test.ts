import { createHash } from 'node:crypto';
import { format, inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { createOAuthSession, fingerprint, mapTokenResponse } from '../../src/models/index.js';
import type { OAuthSessionFields } from '../../src/models/index.js';
import { NOW_MS } from './helpers.js';

const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.access-secret-payload.signature';
const REFRESH = 'refresh-secret-4f9a2c';

const fields: OAuthSessionFields = {
  sessionId: 'session-1',
  userId: 'user-1',
  accessToken: ACCESS,
  refreshToken: REFRESH,
  tokenType: 'Bearer',
  expiresAt: '2026-08-21T11:05:00Z',
  scopes: ['openid', 'offline_access', 'data-api-homes-read', 'openid'],
  createdAt: '2026-08-21T10:05:00+00:00',
  lastRefreshed: '2026-08-21T10:05:00Z',
};

describe('fingerprint', () => {
  it('is the first 8 hex characters of the sha256', () => {
    const expected = createHash('sha256').update(ACCESS).digest('hex').slice(0, 8);
    expect(fingerprint(ACCESS)).toBe(expected);
    expect(fingerprint(ACCESS)).toMatch(/^[0-9a-f]{8}$/);
    expect(fingerprint(REFRESH)).not.toBe(fingerprint(ACCESS));
  });
});

describe('createOAuthSession', () => {
  it('normalises times to UTC and de-duplicates scopes', () => {
    const session = createOAuthSession(fields);
    expect({ ...session }).toStrictEqual({
      ...fields,
      expiresAt: '2026-08-21T11:05:00.000Z',
      scopes: ['openid', 'offline_access', 'data-api-homes-read'],
      createdAt: '2026-08-21T10:05:00.000Z',
      lastRefreshed: '2026-08-21T10:05:00.000Z',
    });
  });

  it('is frozen, deeply, and compares by value', () => {
    const session = createOAuthSession(fields);
    expect(Object.isFrozen(session)).toBe(true);
    expect(Object.isFrozen(session.scopes)).toBe(true);
    expect(createOAuthSession(fields)).toEqual(session);
    expect(createOAuthSession({ ...fields, accessToken: 'other' })).not.toEqual(session);
  });

  it.each([
    ['sessionId', { sessionId: '' }, 'OAuthSession.sessionId must be a non-empty string'],
    ['accessToken', { accessToken: ' ' }, 'OAuthSession.accessToken must be a non-empty string'],
    ['refreshToken', { refreshToken: '' }, 'OAuthSession.refreshToken must be a non-empty string'],
    ['expiresAt', { expiresAt: 'soon' }, 'OAuthSession.expiresAt must be an ISO 8601 date-time'],
    ['scopes', { scopes: ['openid profile'] }, 'OAuthSession.scopes must be an array of scope ' +
      'names without spaces'],
    ['lastRefreshed', { lastRefreshed: '2026-08-21T10:04:59Z' }, 'OAuthSession.lastRefreshed ' +
      'must not be before createdAt'],
  ])('refuses a bad %s with a TypeError', (_field, override, message) => {
    expect(() => createOAuthSession({ ...fields, ...override })).toThrow(new TypeError(message));
  });

  it('never puts a token in a TypeError', () => {
    let message = '';
    try {
      createOAuthSession({ ...fields, expiresAt: ACCESS });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('OAuthSession.expiresAt must be an ISO 8601 date-time');
  });
});

describe('an OAuthSession never leaks a token', () => {
  const session = createOAuthSession(fields);
  const forms: [string, () => string][] = [
    ['String()', () => String(session)],
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- under test
    ['a template literal', () => `${session}`],
    ['JSON.stringify', () => JSON.stringify(session)],
    ['JSON.stringify nested', () => JSON.stringify({ context: { session } })],
    ['util.inspect', () => inspect(session)],
    ['util.inspect nested, hidden shown', () => inspect({ session }, { showHidden: true })],
    ['util.format %o', () => format('%o', session)],
    ['util.format %s', () => format('%s', session)],
  ];

  it.each(forms)('through %s', (_name, render) => {
    const text = render();
    expect(text).not.toContain(ACCESS);
    expect(text).not.toContain(REFRESH);
    expect(text).toContain(`[redacted sha256:${fingerprint(ACCESS)}]`);
    expect(text).toContain(`[redacted sha256:${fingerprint(REFRESH)}]`);
  });

  it('shows everything else in its JSON form', () => {
    expect(JSON.parse(JSON.stringify(session))).toEqual({
      sessionId: 'session-1',
      userId: 'user-1',
      accessToken: `[redacted sha256:${fingerprint(ACCESS)}]`,
      refreshToken: `[redacted sha256:${fingerprint(REFRESH)}]`,
      tokenType: 'Bearer',
      expiresAt: '2026-08-21T11:05:00.000Z',
      scopes: ['openid', 'offline_access', 'data-api-homes-read'],
      createdAt: '2026-08-21T10:05:00.000Z',
      lastRefreshed: '2026-08-21T10:05:00.000Z',
    });
    expect(String(session).startsWith('OAuthSession {')).toBe(true);
  });

  it('still hands its tokens to code that asks for them', () => {
    expect([session.accessToken, session.refreshToken]).toEqual([ACCESS, REFRESH]);
  });
});

describe('mapTokenResponse', () => {
  const body = {
    access_token: ACCESS,
    token_type: 'bearer',
    expires_in: 3600,
    refresh_token: REFRESH,
    id_token: 'id.token.jwt',
    scope: 'openid profile  data-api-homes-read',
    not_before_policy: 0,
  };

  it('maps a full response, expiresAt from now and expires_in', () => {
    expect({ ...mapTokenResponse(body, { nowMs: NOW_MS }) }).toStrictEqual({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      idToken: 'id.token.jwt',
      tokenType: 'Bearer',
      expiresAt: '2026-08-21T11:05:00.000Z',
      scopes: ['openid', 'profile', 'data-api-homes-read'],
    });
  });

  it('omits what the response omits and reads a numeric-string expires_in', () => {
    const minimal = { access_token: ACCESS, token_type: 'Bearer', expires_in: '60' };
    expect({ ...mapTokenResponse(minimal, { nowMs: NOW_MS }) }).toStrictEqual({
      accessToken: ACCESS,
      tokenType: 'Bearer',
      expiresAt: '2026-08-21T10:06:00.000Z',
    });
  });

  it('never leaks a token through its string, JSON or inspect forms', () => {
    const grant = mapTokenResponse(body, { nowMs: NOW_MS });
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- under test
    const interpolated = `${grant}`;
    for (const text of [String(grant), JSON.stringify(grant), inspect(grant), interpolated]) {
      expect(text).not.toContain(ACCESS);
      expect(text).not.toContain(REFRESH);
      expect(text).not.toContain('id.token.jwt');
    }
  });

  it('rejects a response without an access token, without echoing the body', () => {
    let thrown: unknown;
    try {
      mapTokenResponse({ ...body, access_token: undefined, expires_in: 'x' }, { nowMs: NOW_MS });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).constructor.name).toBe('ResponseValidationError');
    expect(JSON.stringify(thrown) + (thrown as Error).message).not.toContain(REFRESH);
    expect((thrown as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([
      ['access_token'],
      ['expires_in'],
    ]);
  });
});
