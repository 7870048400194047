import { deepFreeze } from './freeze.js';
import { mapDeviceCore } from './map-device-core.js';
import type { MappingContext } from './mapping-context.js';
import { freezeMappedList } from './mapping-issue.js';
import type { MappedList, MappingIssue } from './mapping-issue.js';
import { asDataError } from './rejection.js';
import type { TibberDevice } from './tibber-device.js';
import { ruleViolation } from './validation-rules.js';
import { wireDeviceListEnvelopeSchema, wireDeviceSummarySchema } from './wire/device.js';
import { itemRefOf, parseEnvelope, parseItem } from './wire/parse.js';

/**
 * `/v1/homes/{homeId}/devices` → devices without values. A summary carries no
 * capabilities, so its type is `unknown` (unless hinted) and its status `connecting`
 * until a detail response says more. Throws a `ResponseValidationError` for a bad envelope.
 */
export function mapDeviceList(
  body: unknown,
  homeId: string,
  context: Pick<MappingContext, 'knownHomeIds' | 'deviceTypeHints'>,
): MappedList<TibberDevice> {
  const envelope = parseEnvelope(wireDeviceListEnvelopeSchema, body, 'device list response');

  const items: TibberDevice[] = [];
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  envelope.devices.forEach((item, index) => {
    const itemRef = itemRefOf(item, 'devices', index);
    const parsed = parseItem(wireDeviceSummarySchema, item, 'device', itemRef, ['devices', index]);
    if (!parsed.ok) {
      issues.push({ kind: 'rejected', itemKind: 'device', itemRef, error: parsed.error });
      return;
    }

    try {
      const core = mapDeviceCore(parsed.value, undefined, homeId, 'unknown', context, itemRef);
      if (seen.has(core.deviceId)) {
        throw ruleViolation('device', itemRef, 'device_id_unique', 'an earlier device has this id');
      }
      seen.add(core.deviceId);
      const device: TibberDevice = {
        ...core,
        capabilities: [],
        attributes: [],
        onlineStatus: 'connecting',
      };
      items.push(deepFreeze(device));
    } catch (error) {
      issues.push({ kind: 'rejected', itemKind: 'device', itemRef, error: asDataError(error) });
    }
  });
  return freezeMappedList(items, issues);
}
