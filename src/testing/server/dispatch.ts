import { authorize } from './authorize.js';
import type { IncomingCall, ServerContext } from './context.js';
import { guardDataRequest } from './data-guard.js';
import { device, devices, homes } from './data-routes.js';
import { discoveryReply, jwksReply } from './discovery.js';
import type { Fault } from './faults.js';
import { history } from './history-route.js';
import type { Reply } from './reply.js';
import { problemReply } from './reply.js';
import type { RouteMatch, RouteName } from './router.js';
import { allowedMethod } from './router.js';
import { token } from './token-endpoint.js';
import { userinfo } from './userinfo.js';

type DataRoute = Extract<RouteMatch, { name: 'homes' | 'devices' | 'device' | 'history' }>;

/** Hands a request to its route's handler; the fault only matters to the token route. */
export function dispatch(
  call: IncomingCall,
  route: RouteMatch,
  context: ServerContext,
  fault: Fault | undefined,
): Reply {
  if (route.name === 'unknown') return problemReply(404, `Nothing at ${call.url.pathname}.`);
  const allowed = allowedMethod(route.name);
  if (call.method !== allowed) {
    return problemReply(405, `${route.name} answers ${allowed} only.`, { allow: allowed });
  }

  switch (route.name) {
    case 'discovery':
      return discoveryReply(context);
    case 'jwks':
      return jwksReply(context);
    case 'authorize':
      return authorize(call, context);
    case 'token': {
      const isRotating = fault?.kind !== 'omitRefreshToken';
      return token(call, context, { rotate: context.settings.rotateRefreshTokens && isRotating });
    }
    case 'userinfo':
      return userinfo(call, context);
    case 'homes':
    case 'devices':
    case 'device':
    case 'history':
      return dataRoute(call, route, context);
  }
}

export function isDataRoute(route: RouteName): boolean {
  return route === 'homes' || route === 'devices' || route === 'device' || route === 'history';
}

function dataRoute(call: IncomingCall, route: DataRoute, context: ServerContext): Reply {
  const access = guardDataRequest(call, context);
  if (access.kind === 'refused') return access.reply;
  const { grant } = access;

  switch (route.name) {
    case 'homes':
      return homes(call, context);
    case 'devices':
      return devices(call, context, route.homeId, grant);
    case 'device':
      return device(call, context, route, grant);
    case 'history':
      return history(call, context, route, grant);
  }
}
