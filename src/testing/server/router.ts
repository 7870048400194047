/** Where each endpoint lives, relative to the server's base URL. */
export const MOCK_PATHS = {
  discovery: '/.well-known/openid-configuration',
  // IdentityServer's own path for the key set; clients must read it from discovery.
  jwks: '/.well-known/openid-configuration/jwks',
  authorize: '/connect/authorize',
  token: '/connect/token',
  userinfo: '/connect/userinfo',
  homes: '/v1/homes',
} as const;

export type RouteMatch =
  | { readonly name: 'discovery' }
  | { readonly name: 'jwks' }
  | { readonly name: 'authorize' }
  | { readonly name: 'token' }
  | { readonly name: 'userinfo' }
  | { readonly name: 'homes' }
  | { readonly name: 'devices'; readonly homeId: string }
  | { readonly name: 'device'; readonly homeId: string; readonly deviceId: string }
  | { readonly name: 'history'; readonly homeId: string; readonly deviceId: string }
  | { readonly name: 'unknown' };

export type RouteName = RouteMatch['name'];

const FIXED_ROUTES: ReadonlyMap<string, RouteMatch> = new Map<string, RouteMatch>([
  [MOCK_PATHS.discovery, { name: 'discovery' }],
  [MOCK_PATHS.jwks, { name: 'jwks' }],
  [MOCK_PATHS.authorize, { name: 'authorize' }],
  [MOCK_PATHS.token, { name: 'token' }],
  [MOCK_PATHS.userinfo, { name: 'userinfo' }],
  [MOCK_PATHS.homes, { name: 'homes' }],
]);

/** Matches exactly: a trailing slash or an empty segment is an unknown path, as on Tibber. */
export function matchRoute(pathname: string): RouteMatch {
  const fixed = FIXED_ROUTES.get(pathname);
  if (fixed !== undefined) return fixed;

  const segments = decodeSegments(pathname);
  if (segments === undefined || segments.some((s) => s === '')) return { name: 'unknown' };
  const [v1, homes, homeId, devices, deviceId, history, ...rest] = segments;
  if (v1 !== 'v1' || homes !== 'homes' || homeId === undefined || rest.length > 0) {
    return { name: 'unknown' };
  }

  // There is no `/v1/homes/{homeId}` on Tibber either.
  if (devices !== 'devices') return { name: 'unknown' };
  if (deviceId === undefined) return { name: 'devices', homeId };
  if (history === undefined) return { name: 'device', homeId, deviceId };
  return history === 'history' ? { name: 'history', homeId, deviceId } : { name: 'unknown' };
}

/** The one method a route answers; anything else is a 405. */
export function allowedMethod(route: Exclude<RouteName, 'unknown'>): 'GET' | 'POST' {
  switch (route) {
    case 'token':
      return 'POST';
    case 'discovery':
    case 'jwks':
    case 'authorize':
    case 'userinfo':
    case 'homes':
    case 'devices':
    case 'device':
    case 'history':
      return 'GET';
  }
}

function decodeSegments(pathname: string): string[] | undefined {
  try {
    return pathname.slice(1).split('/').map(decodeURIComponent);
  } catch {
    // A malformed escape cannot name any home or device.
    return undefined;
  }
}
