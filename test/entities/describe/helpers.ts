import { mapDeviceDetail } from '../../../src/models/index.js';
import type { DeviceAttribute, DeviceCapability, TibberDevice } from '../../../src/models/index.js';
import { HOME_ID, context } from '../../models/helpers.js';

/** A wire device detail mapped as the client maps it; throws if anything was left out. */
export function mapDevice(body: object): TibberDevice {
  const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
  const rejected = issues.filter((issue) => issue.kind === 'rejected');
  if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected)}`);
  return device;
}

export function capabilityOf(device: TibberDevice, id: string): DeviceCapability {
  const found = device.capabilities.find((capability) => capability.capabilityId === id);
  if (found === undefined) throw new Error(`no capability ${id}`);
  return found;
}

export function attributeOf(device: TibberDevice, id: string): DeviceAttribute {
  const found = device.attributes.find((attribute) => attribute.attributeId === id);
  if (found === undefined) throw new Error(`no attribute ${id}`);
  return found;
}
