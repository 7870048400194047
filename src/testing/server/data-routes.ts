import type { WireDeviceDetail } from '../scenario/source.js';
import type { IncomingCall, ServerContext } from './context.js';
import type { Reply } from './reply.js';
import { jsonReply, problemReply } from './reply.js';
import type { TokenGrant } from './token-store.js';

/** `GET /v1/homes`. */
export function homes(call: IncomingCall, context: ServerContext): Reply {
  return jsonReply(200, { homes: context.settings.scenario.homes(call.nowMs) });
}

/** `GET /v1/homes/{homeId}/devices`: devices outside the token's scopes are silently absent. */
export function devices(
  call: IncomingCall,
  context: ServerContext,
  homeId: string,
  grant: TokenGrant,
): Reply {
  const { scenario } = context.settings;
  const listed = scenario.devices(homeId, call.nowMs);
  if (listed === undefined) return problemReply(404, `No home ${homeId}.`);

  const visible = listed.filter((d) => isInScope(context, homeId, d.id, grant));
  return jsonReply(200, { devices: visible });
}

/** `GET /v1/homes/{homeId}/devices/{deviceId}`: the bare detail object. */
export function device(
  call: IncomingCall,
  context: ServerContext,
  route: { readonly homeId: string; readonly deviceId: string },
  grant: TokenGrant,
): Reply {
  const detail = visibleDevice(call, context, route, grant);
  if (detail === undefined) return deviceNotFound(route.deviceId);
  return jsonReply(200, detail);
}

/** A device the token may see; one outside its scopes is as absent as an unknown one. */
export function visibleDevice(
  call: IncomingCall,
  context: ServerContext,
  route: { readonly homeId: string; readonly deviceId: string },
  grant: TokenGrant,
): WireDeviceDetail | undefined {
  const { homeId, deviceId } = route;
  if (!isInScope(context, homeId, deviceId, grant)) return undefined;
  return context.settings.scenario.device(homeId, deviceId, call.nowMs);
}

export function deviceNotFound(deviceId: string): Reply {
  return problemReply(404, `No device ${deviceId} in this home.`);
}

function isInScope(
  context: ServerContext,
  homeId: string,
  deviceId: string,
  grant: TokenGrant,
): boolean {
  const required = context.settings.scenario.requiredScope(homeId, deviceId);
  return required === undefined || grant.scopes.includes(required);
}
