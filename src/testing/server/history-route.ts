import type { WireDeviceDetail } from '../scenario/source.js';
import type { IncomingCall, ServerContext } from './context.js';
import { deviceNotFound, visibleDevice } from './data-routes.js';
import type { HistoryCursor } from './history-cursors.js';
import {
  HISTORY_RESOLUTIONS,
  checkedZone,
  historyWindow,
  isResolution,
  isoInZone,
  parseAnchorTime,
} from './history-window.js';
import type { Reply } from './reply.js';
import { jsonReply, problemReply } from './reply.js';
import type { TokenGrant } from './token-store.js';

interface DeviceRoute {
  readonly homeId: string;
  readonly deviceId: string;
}

type PageRequest =
  | { readonly kind: 'page'; readonly cursor: HistoryCursor }
  | { readonly kind: 'invalid'; readonly detail: string };

/**
 * `GET …/devices/{deviceId}/history`. The first request fixes a window; its points are cut
 * into pages, oldest first, linked by `next` and `prev` URLs that carry a sealed cursor.
 */
export function history(
  call: IncomingCall,
  context: ServerContext,
  route: DeviceRoute,
  grant: TokenGrant,
): Reply {
  const detail = visibleDevice(call, context, route, grant);
  if (detail === undefined) return deviceNotFound(route.deviceId);
  const { scenario, historyPageSize } = context.settings;
  const zone = checkedZone(scenario.timeZoneOf(route.homeId));

  const params = call.url.searchParams;
  const request = params.has('cursor')
    ? fromCursor(params, route, context)
    : fromQuery(params, route, call.nowMs, zone, context);
  if (request.kind === 'invalid') return problemReply(400, request.detail);
  const { cursor } = request;
  if (!keepsHistory(detail, cursor.resolution)) {
    return problemReply(400, `The device keeps no ${cursor.resolution} history.`);
  }

  const { homeId, deviceId } = route;
  const { resolution, startMs, endMs } = cursor;
  const points = scenario.history(homeId, deviceId, resolution, startMs, endMs);
  if (points === undefined) return deviceNotFound(deviceId);

  const pageEnd = cursor.offset + historyPageSize;
  const linkTo = (offset: number): string => pageUrl(context, route, { ...cursor, offset });
  return jsonReply(200, {
    query: {
      resolution: cursor.resolution,
      [cursor.anchor.kind]: isoInZone(cursor.anchor.atMs, zone),
      effectiveStart: isoInZone(cursor.startMs, zone),
      effectiveEnd: isoInZone(cursor.endMs, zone),
    },
    data: points.slice(cursor.offset, pageEnd),
    next: pageEnd < points.length ? linkTo(pageEnd) : undefined,
    prev: cursor.offset > 0 ? linkTo(Math.max(0, cursor.offset - historyPageSize)) : undefined,
  });
}

function fromQuery(
  params: URLSearchParams,
  route: DeviceRoute,
  nowMs: number,
  zone: string,
  context: ServerContext,
): PageRequest {
  const resolution = params.get('resolution');
  if (!isResolution(resolution)) {
    return invalid(`resolution must be one of ${HISTORY_RESOLUTIONS.join(', ')}.`);
  }
  const since = params.get('since');
  const until = params.get('until');
  if ((since === null) === (until === null)) return invalid('Give exactly one of since and until.');

  const kind = since === null ? 'until' : 'since';
  const raw = since ?? until ?? '';
  const atMs = parseAnchorTime(raw, zone);
  if (atMs === undefined) return invalid(`${kind} must be an ISO 8601 date-time.`);

  const anchor = { kind, atMs } as const;
  const retentionDays = context.settings.scenario.historyRetentionDays(
    route.homeId,
    route.deviceId,
  );
  const window = historyWindow({ resolution, anchor, nowMs, zone, retentionDays });
  return { kind: 'page', cursor: { ...route, resolution, anchor, ...window, offset: 0 } };
}

/** A cursor is the whole query: parameters beside it mean a client rebuilt the URL. */
function fromCursor(
  params: URLSearchParams,
  route: DeviceRoute,
  context: ServerContext,
): PageRequest {
  if ([...params.keys()].some((key) => key !== 'cursor')) {
    return invalid('cursor cannot be combined with other parameters.');
  }
  const cursor = context.cursors.open(params.get('cursor') ?? '');
  if (cursor?.homeId !== route.homeId || cursor.deviceId !== route.deviceId) {
    return invalid('Invalid cursor.');
  }
  return { kind: 'page', cursor };
}

function pageUrl(context: ServerContext, route: DeviceRoute, cursor: HistoryCursor): string {
  const home = encodeURIComponent(route.homeId);
  const device = encodeURIComponent(route.deviceId);
  const sealed = context.cursors.seal(cursor);
  return `${context.issuer}/v1/homes/${home}/devices/${device}/history?cursor=${sealed}`;
}

function keepsHistory(detail: WireDeviceDetail, resolution: string): boolean {
  const resolutions = detail.supportedHistory['resolutions'];
  return Array.isArray(resolutions) && resolutions.includes(resolution);
}

function invalid(detail: string): PageRequest {
  return { kind: 'invalid', detail };
}
