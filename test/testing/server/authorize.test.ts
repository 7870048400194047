import { describe, expect, it } from 'vitest';

import {
  REDIRECT_URI,
  authorizeRedirect,
  authorizeUrl,
  pkcePair,
  useHarness,
} from './helpers.js';

const { start } = useHarness();

describe('GET /connect/authorize', () => {
  it('approves at once and redirects with a code, the state and the issuer', async () => {
    const { server } = await start();
    const { challenge } = pkcePair();

    const response = await fetch(authorizeUrl(server, challenge), { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');

    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect([...location.searchParams.keys()].sort()).toEqual(['code', 'iss', 'state']);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('iss')).toBe(server.issuer);
  });

  it('sends no state back when none was sent', async () => {
    const { server } = await start();

    const location = await authorizeRedirect(
      authorizeUrl(server, pkcePair().challenge, { state: undefined }),
    );

    expect(location.searchParams.has('code')).toBe(true);
    expect(location.searchParams.has('state')).toBe(false);
  });

  it.each([
    ['an unknown client', { client_id: 'someone-else' }],
    ['a missing redirect_uri', { redirect_uri: undefined }],
    ['a redirect_uri with a trailing slash', { redirect_uri: `${REDIRECT_URI}/` }],
    ['a redirect_uri on another port', { redirect_uri: 'http://127.0.0.1:8766/callback' }],
    ['a redirect_uri with a query', { redirect_uri: `${REDIRECT_URI}?x=1` }],
    ['a redirect_uri by another host name', { redirect_uri: 'http://LOCALHOST:8765/callback' }],
  ])('answers %s with a 400 page, never a redirect', async (_name, overrides) => {
    const { server } = await start();

    const response = await fetch(authorizeUrl(server, pkcePair().challenge, overrides), {
      redirect: 'manual',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('Sorry, there was an error');
  });

  it.each([
    ['no code_challenge', { code_challenge: undefined }, 'invalid_request',
      'code_challenge is required.'],
    ['the plain method', { code_challenge_method: 'plain' }, 'invalid_request',
      'code_challenge_method must be S256.'],
    ['no method (plain by default)', { code_challenge_method: undefined }, 'invalid_request',
      'code_challenge_method must be S256.'],
    ['a malformed challenge', { code_challenge: 'short' }, 'invalid_request',
      'Malformed code_challenge.'],
    ['response_type token', { response_type: 'token' }, 'unsupported_response_type',
      'Only response_type=code is supported.'],
    ['no grantable scope', { scope: 'made-up-scope' }, 'invalid_scope',
      'No grantable scope was requested.'],
  ])('redirects %s back as an error with the state', async (_name, overrides, error, text) => {
    const { server } = await start();

    const location = await authorizeRedirect(authorizeUrl(server, pkcePair().challenge, overrides));

    expect(Object.fromEntries(location.searchParams)).toEqual({
      error,
      error_description: text,
      state: 'state-123',
      iss: server.issuer,
    });
  });

  it('keeps the state out of an error redirect when none was sent', async () => {
    const { server } = await start();

    const location = await authorizeRedirect(
      authorizeUrl(server, pkcePair().challenge, { state: undefined, code_challenge: undefined }),
    );

    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.has('state')).toBe(false);
  });

  it('answers only GET', async () => {
    const { server } = await start();

    const response = await fetch(server.endpoints.authorization, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});
