/** The Tibber Data API, typed: every call validated, retried the way Tibber asks. */
export { TibberDataClient } from './tibber-data-client.js';
export type { CallOptions } from './tibber-data-client.js';
export { TIBBER_DATA_API, TIBBER_USERINFO } from './client-settings.js';
export type { TibberDataClientOptions } from './client-settings.js';
export { staticAccessToken } from './access-token-provider.js';
export type { AccessTokenProvider, TokenRequestOptions } from './access-token-provider.js';
export type { HistoryQuery } from './history-pages.js';
export { RETRY_POLICY } from './retry-policy.js';
