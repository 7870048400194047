/** The domain model: wire schemas, domain types, mapping, derivations and rules. */
export type { JsonObject, JsonPrimitive, JsonValue } from './json.js';
export { deepFreeze } from './freeze.js';
export { isIanaTimeZone, normaliseIsoInstant, parseIsoInstant, toUtcIso } from './time.js';

export { VALIDATION_RULES } from './validation-rules.js';
export type { ItemKind, ValidationRule } from './validation-rules.js';
export {
  DEFAULT_FUTURE_TOLERANCE_MS,
  DEFAULT_STALE_AFTER_MS,
  DEFAULT_TIME_ZONE,
  createMappingContext,
} from './mapping-context.js';
export type { MappingContext, MappingContextOptions } from './mapping-context.js';
export { describeMappingIssue } from './mapping-issue.js';
export type {
  MappedList,
  MappingIssue,
  MappingWarning,
  RejectedItem,
  UnknownCapabilityWarning,
  UnknownUnitWarning,
  WarningIssue,
} from './mapping-issue.js';

export type { TibberHome, HomeAddress } from './tibber-home.js';
export { DEVICE_TYPES, isDeviceType } from './tibber-device.js';
export type { DeviceType, TibberDevice } from './tibber-device.js';
export type { CapabilityKind, CapabilityValue, DeviceCapability } from './device-capability.js';
export { ATTRIBUTE_DATA_TYPES } from './device-attribute.js';
export type { AttributeDataType, ConnectivityValue, DeviceAttribute } from './device-attribute.js';
export { HISTORY_RESOLUTIONS, isHistoryResolution } from './history-page.js';
export type { HistoryPage, HistoryPoint, HistoryResolution } from './history-page.js';
export type { UserInfo } from './user-info.js';
export { ONLINE_STATUSES, nextOnlineStatus } from './online-status.js';
export type { OnlineStatus } from './online-status.js';
export {
  OAUTH_SESSION_SECRET_FIELDS,
  createOAuthSession,
  oauthSessionFields,
} from './oauth-session.js';
export type { OAuthSession, OAuthSessionFields } from './oauth-session.js';
export { fingerprint, sealSecrets } from './redaction.js';
export type { RedactedForms } from './redaction.js';

export {
  STANDARD_UNITS,
  UNKNOWN_UNIT_PRECISION,
  isStandardUnit,
  normaliseUnit,
  unitBounds,
  unitPrecision,
} from './units.js';
export type { NormalisedUnit, StandardUnit, UnitBounds } from './units.js';
export {
  isDiagnosticCapabilityId,
  isKnownCapabilityId,
  isRatioCapabilityId,
} from './capability-catalog.js';
export {
  inferDataType,
  isOnlineAttributeId,
  knownAttribute,
  valueMatchesDataType,
} from './derive/attribute-kind.js';
export type { KnownAttribute } from './derive/attribute-kind.js';
export {
  GENERIC_DEVICE_NAME,
  deriveDeviceName,
  deriveManufacturer,
  deriveModel,
  isPlaceholderName,
} from './derive/device-name.js';
export { inferDeviceType } from './derive/device-type.js';
export { baseDisplayName, uniqueDisplayNames } from './derive/display-names.js';
export type { NamedItem } from './derive/display-names.js';
export { deriveHomeDisplayName } from './derive/home-display-name.js';
export { deriveLastUpdatedMs } from './derive/last-updated.js';
export { deriveOnlineEvidence, onlineSignalsOf } from './derive/online-evidence.js';
export type { OnlineSignals } from './derive/online-evidence.js';
export { capitalise, humaniseId, splitIdWords, toSnakeCase } from './derive/words.js';

export { checkAttribute } from './rules/check-attribute.js';
export { checkCapability } from './rules/check-capability.js';
export { checkDevice } from './rules/check-device.js';
export { checkHome, isUuid } from './rules/check-home.js';
export { checkNotFuture } from './rules/check-not-future.js';

export { mapHomes } from './map-homes.js';
export { mapDeviceList } from './map-device-list.js';
export { mapDeviceDetail } from './map-device-detail.js';
export type { MappedDevice } from './map-device-detail.js';
export { mapHistoryPage } from './map-history-page.js';
export type { MappedHistoryPage } from './map-history-page.js';
export { mapTokenResponse } from './map-token-response.js';
export type { TokenGrant, TokenGrantFields } from './map-token-response.js';
export { mapUserInfo } from './map-user-info.js';

export { wireAttributeSchema } from './wire/attribute.js';
export type { WireAttribute } from './wire/attribute.js';
export { wireCapabilitySchema } from './wire/capability.js';
export type { WireCapability } from './wire/capability.js';
export {
  wireDeviceDetailSchema,
  wireDeviceListEnvelopeSchema,
  wireDeviceSummarySchema,
} from './wire/device.js';
export type { WireDeviceDetail, WireDeviceSummary } from './wire/device.js';
export { wireHistoryPageSchema, wireHistoryPointSchema } from './wire/history.js';
export type { WireHistoryPage, WireHistoryPoint } from './wire/history.js';
export { wireHomeSchema, wireHomesEnvelopeSchema } from './wire/home.js';
export type { WireHome } from './wire/home.js';
export { wireTokenResponseSchema } from './wire/token-response.js';
export type { WireTokenResponse } from './wire/token-response.js';
export { wireUserInfoSchema } from './wire/user-info.js';
export type { WireUserInfo } from './wire/user-info.js';
