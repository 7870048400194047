import type { IncomingCall, ServerContext } from './context.js';
import type { MockClient } from './options.js';
import { isS256Challenge } from './pkce.js';
import type { Reply } from './reply.js';
import { htmlReply, redirectReply } from './reply.js';

/**
 * `GET /connect/authorize`, approved at once for the scenario's user. Until client and
 * redirect URI are proven, errors are a page: redirecting to an unverified URI would make
 * the server an open redirector. After that, errors go back to the client (RFC 6749 4.1.2.1).
 */
export function authorize(call: IncomingCall, context: ServerContext): Reply {
  const params = call.url.searchParams;
  const client = findClient(context.settings.clients, params.get('client_id'));
  if (client === undefined) return errorPage('The client is not registered.');
  const redirectUri = params.get('redirect_uri');
  if (redirectUri === null || !client.redirectUris.includes(redirectUri)) {
    return errorPage('The redirect_uri is not registered for this client.');
  }

  const state = params.get('state') ?? undefined;
  const back = (values: Record<string, string | undefined>): Reply =>
    redirectReply(withQuery(redirectUri, { ...values, state, iss: context.issuer }));
  const refuse = (error: string, description: string): Reply =>
    back({ error, error_description: description });

  if (params.get('response_type') !== 'code') {
    return refuse('unsupported_response_type', 'Only response_type=code is supported.');
  }
  const challenge = params.get('code_challenge');
  if (challenge === null) return refuse('invalid_request', 'code_challenge is required.');
  if (params.get('code_challenge_method') !== 'S256') {
    return refuse('invalid_request', 'code_challenge_method must be S256.');
  }
  if (!isS256Challenge(challenge)) return refuse('invalid_request', 'Malformed code_challenge.');
  const requested = (params.get('scope') ?? '').split(' ').filter((s) => s !== '');
  const scopes = context.settings.grantableScopes.filter((s) => requested.includes(s));
  if (scopes.length === 0) return refuse('invalid_scope', 'No grantable scope was requested.');

  const code = context.codes.create(
    {
      clientId: client.clientId,
      redirectUri,
      codeChallenge: challenge,
      nonce: params.get('nonce') ?? undefined,
      scopes,
      sub: context.settings.scenario.user.sub,
    },
    call.nowMs,
  );
  return back({ code });
}

export function findClient(
  clients: readonly MockClient[],
  clientId: string | null | undefined,
): MockClient | undefined {
  return clients.find((c) => c.clientId === clientId);
}

function withQuery(base: string, values: Record<string, string | undefined>): string {
  const url = new URL(base);
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}

function errorPage(message: string): Reply {
  const html =
    '<!DOCTYPE html><html><head><title>Error</title></head>' +
    `<body><h1>Sorry, there was an error</h1><p>${message}</p></body></html>`;
  return htmlReply(400, html);
}
