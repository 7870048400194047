import { deriveDeviceName, deriveManufacturer, deriveModel } from './derive/device-name.js';
import { isHistoryResolution } from './history-page.js';
import type { MappingContext } from './mapping-context.js';
import { checkDevice } from './rules/check-device.js';
import { parseIsoInstant, toUtcIso } from './time.js';
import type { DeviceType, TibberDevice } from './tibber-device.js';
import { ruleViolation } from './validation-rules.js';
import type { WireDeviceSummary } from './wire/device.js';

/** A device without its values: what a summary and a detail have in common. */
export type DeviceCore = Omit<TibberDevice, 'capabilities' | 'attributes' | 'onlineStatus'>;

/**
 * Derives and checks the fields a summary and a detail share; throws a
 * `DataValidationError` for a broken device rule. `lastSeen` comes only with a detail.
 */
export function mapDeviceCore(
  wire: WireDeviceSummary,
  wireLastSeen: string | null | undefined,
  homeId: string,
  inferredType: DeviceType,
  context: Pick<MappingContext, 'knownHomeIds' | 'deviceTypeHints'>,
  itemRef: string,
): DeviceCore {
  const lastSeen = normaliseLastSeen(wireLastSeen, itemRef);
  const model = deriveModel(wire.info);
  const history = wire.supportedHistory;
  const maxRetentionDays = history?.maxRetentionDays ?? undefined;

  const core: DeviceCore = {
    deviceId: wire.id,
    externalId: wire.externalId,
    deviceType: context.deviceTypeHints?.get(wire.id) ?? inferredType,
    manufacturer: deriveManufacturer(wire.info),
    ...(model === undefined ? {} : { model }),
    name: deriveDeviceName(wire.info),
    homeId,
    ...(lastSeen === undefined ? {} : { lastSeen }),
    historyResolutions: [...new Set(history?.resolutions ?? [])].filter(isHistoryResolution),
    ...(maxRetentionDays === undefined ? {} : { maxRetentionDays }),
  };
  checkDevice(core, context, itemRef);
  return core;
}

function normaliseLastSeen(wire: string | null | undefined, itemRef: string): string | undefined {
  if (wire === null || wire === undefined) return undefined;

  const epochMs = parseIsoInstant(wire);
  if (epochMs === undefined) {
    throw ruleViolation('device', itemRef, 'device_last_seen_iso8601',
      `lastSeen ${JSON.stringify(wire)} is not an ISO 8601 date-time`);
  }
  return toUtcIso(epochMs);
}
