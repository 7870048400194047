import type { ServerContext } from './context.js';
import type { Reply } from './reply.js';
import { jsonReply } from './reply.js';
import { MOCK_PATHS } from './router.js';

/** The OpenID Provider metadata an IdentityServer publishes, limited to what the mock does. */
export function discoveryDocument(context: ServerContext): Record<string, unknown> {
  const { issuer } = context;
  return {
    issuer,
    authorization_endpoint: `${issuer}${MOCK_PATHS.authorize}`,
    token_endpoint: `${issuer}${MOCK_PATHS.token}`,
    userinfo_endpoint: `${issuer}${MOCK_PATHS.userinfo}`,
    jwks_uri: `${issuer}${MOCK_PATHS.jwks}`,
    scopes_supported: context.settings.grantableScopes,
    claims_supported: ['sub', 'name', 'email'],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    // RFC 9207: the authorization response names its issuer, against mix-up attacks.
    authorization_response_iss_parameter_supported: true,
  };
}

export function discoveryReply(context: ServerContext): Reply {
  return jsonReply(200, discoveryDocument(context));
}

export function jwksReply(context: ServerContext): Reply {
  return jsonReply(200, { keys: [context.signer.jwk()] });
}
