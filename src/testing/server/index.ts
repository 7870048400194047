/**
 * The mock Tibber server of `tibber-data/testing`: a loopback Tibber for hub tests, with
 * OIDC login, the Data API, fault injection and a request log.
 */
export { MockTibberServer } from './mock-tibber-server.js';
export type { IssueTokensOptions, MockEndpoints } from './mock-tibber-server.js';
export { DEFAULT_MOCK_CLIENT, TIBBER_SCOPES } from './options.js';
export type { MockClient, MockTibberServerOptions } from './options.js';
export type {
  Fault,
  FaultPlan,
  FaultBody,
  FaultRoute,
  FaultRule,
  FaultRuleInput,
  RetryAfter,
} from './faults.js';
export type { LoggedRequest, RouteFilter } from './request-log.js';
export { MOCK_PATHS } from './router.js';
export type { RouteName } from './router.js';
export type { IssuedTokens } from './token-issuer.js';
export { DEFAULT_HISTORY_SPANS } from './history-window.js';
export { HOMES_SCOPE } from './data-guard.js';
