/** Sign-in, token refresh and token storage for the Tibber Data API. */
export { OAuthSessionManager } from './session-manager.js';
export type {
  AccessTokenOptions,
  BeginAuthorizationOptions,
  StartedAuthorization,
} from './session-manager.js';
export { TIBBER_ISSUER } from './auth-settings.js';
export type { ExplicitEndpoints, OAuthSessionManagerOptions } from './auth-settings.js';
export type {
  ReauthReason,
  ReauthRequiredEvent,
  SessionEvents,
  SignedInEvent,
} from './session-events.js';
export {
  pendingAuthorizationFields,
  restorePendingAuthorization,
} from './pending-authorization.js';
export type { PendingAuthorization, PendingAuthorizationFields } from './pending-authorization.js';
export {
  DATA_API_BASE_SCOPES,
  DEFAULT_SCOPES,
  DEVICE_CATEGORY_SCOPES,
  OIDC_SCOPES,
  checkScopes,
} from './scopes.js';
export type { DeviceCategory, ScopeReport } from './scopes.js';
export type { TokenStore } from './token-store.js';
export { MemoryTokenStore } from './memory-token-store.js';
export { EncryptedFileTokenStore } from './encrypted-file-token-store.js';
export type { EncryptedFileTokenStoreOptions } from './encrypted-file-token-store.js';
export { MIN_KEY_BYTES, TOKEN_KEY_ENV } from './store-key.js';
export type { StoreKeyInput } from './store-key.js';
