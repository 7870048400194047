import type { DeviceAttribute } from '../device-attribute.js';
import { isJsonObject } from '../json.js';
import type { MappingContext } from '../mapping-context.js';
import type { OnlineStatus } from '../online-status.js';
import { isOnlineAttributeId } from './attribute-kind.js';

/** What one detail response says about reachability. */
export interface OnlineSignals {
  /** The `isOnline` attribute, when it holds a boolean. */
  readonly isOnline?: boolean;
  /** `status` of every connectivity-shaped attribute, lower-cased. */
  readonly connectivityStatuses: readonly string[];
  readonly lastSeenMs?: number;
}

export function onlineSignalsOf(
  attributes: readonly DeviceAttribute[],
  lastSeenMs: number | undefined,
): OnlineSignals {
  const isOnline = attributes.find(
    (attribute) => isOnlineAttributeId(attribute.attributeId) &&
      typeof attribute.value === 'boolean',
  )?.value;
  const connectivityStatuses = attributes.flatMap((attribute) => {
    const value = attribute.value;
    return isJsonObject(value) && typeof value['status'] === 'string'
      ? [value['status'].toLowerCase()]
      : [];
  });

  return {
    ...(typeof isOnline === 'boolean' ? { isOnline } : {}),
    connectivityStatuses,
    ...(lastSeenMs === undefined ? {} : { lastSeenMs }),
  };
}

/**
 * Online-status evidence of one detail response. Offline signals win over online ones:
 * `isOnline` false, connectivity attributes none of which is `connected` (a device with
 * Wi-Fi down but cellular up is reachable), or a `lastSeen` older than `staleAfterMs`.
 * Then `isOnline` true or a `connected` link, or else a fresh `lastSeen`, mean online.
 * A response with no signal at all confirms nothing: `connecting`.
 */
export function deriveOnlineEvidence(
  signals: OnlineSignals,
  context: Pick<MappingContext, 'nowMs' | 'staleAfterMs'>,
): OnlineStatus {
  const { isOnline, connectivityStatuses, lastSeenMs } = signals;
  const hasLink = connectivityStatuses.length > 0;
  const isLinked = connectivityStatuses.includes('connected');
  const isStale = lastSeenMs !== undefined && context.nowMs - lastSeenMs > context.staleAfterMs;

  if (isOnline === false || (hasLink && !isLinked) || isStale) return 'offline';
  if (isOnline === true || isLinked || lastSeenMs !== undefined) return 'online';
  return 'connecting';
}
