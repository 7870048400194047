/** OpenID Connect scopes: identity, and `offline_access` for a refresh token at all. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** The categories of device Tibber lists only to a token that holds their scope. */
export const DEVICE_CATEGORY_SCOPES = {
  vehicles: 'data-api-vehicles-read',
  chargers: 'data-api-chargers-read',
  thermostats: 'data-api-thermostats-read',
  energySystems: 'data-api-energy-systems-read',
  inverters: 'data-api-inverters-read',
} as const;

export type DeviceCategory = keyof typeof DEVICE_CATEGORY_SCOPES;

/** The Data API's baseline: without these nothing at all is listed. */
export const DATA_API_BASE_SCOPES = ['data-api-user-read', 'data-api-homes-read'] as const;

/**
 * What a session asks for unless told otherwise: everything a hub shows. The live meter
 * stream's `data-api-meters-read` is left out: nothing here reads that stream.
 */
export const DEFAULT_SCOPES: readonly string[] = Object.freeze([
  ...OIDC_SCOPES,
  ...DATA_API_BASE_SCOPES,
  ...Object.values(DEVICE_CATEGORY_SCOPES),
]);

export interface ScopeReport {
  /** Scopes that were asked for or are needed, and are not granted. */
  readonly missingScopes: readonly string[];
  /** Device categories that will be silently absent from every device list. */
  readonly hiddenCategories: readonly DeviceCategory[];
  /** False when the session cannot refresh (no `offline_access`) or list homes at all. */
  readonly canPoll: boolean;
}

/**
 * What a granted scope list lacks. Tibber fixes scopes when the user consents and lists a
 * device only to a token holding its category's scope, so "no chargers" may mean "no
 * scope for chargers": this says which, so that a hub can tell the user.
 */
export function checkScopes(granted: readonly string[], wanted = DEFAULT_SCOPES): ScopeReport {
  const has = new Set(granted);
  const needed = new Set([...wanted, 'offline_access', ...DATA_API_BASE_SCOPES]);
  const missingScopes = [...needed].filter((scope) => !has.has(scope));
  const hiddenCategories = (Object.keys(DEVICE_CATEGORY_SCOPES) as DeviceCategory[]).filter(
    (category) => !has.has(DEVICE_CATEGORY_SCOPES[category]),
  );
  const canPoll = has.has('offline_access') && DATA_API_BASE_SCOPES.every((s) => has.has(s));
  return { missingScopes, hiddenCategories, canPoll };
}
