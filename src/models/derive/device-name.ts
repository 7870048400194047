import type { z } from 'zod';

import type { wireDeviceInfoSchema } from '../wire/device.js';

type WireDeviceInfo = z.infer<typeof wireDeviceInfoSchema>;

/** Used when the wire gives neither a real name nor a brand or model. */
export const GENERIC_DEVICE_NAME = 'Tibber device';

/** `<no name>`, `No name`, `noname`, `no_name`, blank: vendors' ways of saying "unnamed". */
export function isPlaceholderName(name: string | null | undefined): boolean {
  const trimmed = name?.trim() ?? '';
  return trimmed === '' || /^<?\s*no[\s_-]*name\s*>?$/i.test(trimmed);
}

/**
 * A device's name: the user's name unless it is a placeholder, then `brand model`, the
 * brand, the model, or a generic name. Never the externalId: it can be a VIN, which is
 * personal data and would end up in entity names.
 */
export function deriveDeviceName(info: WireDeviceInfo): string {
  if (!isPlaceholderName(info.name)) return (info.name ?? '').trim();

  const parts = [info.brand, info.model]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '');
  return parts.length === 0 ? GENERIC_DEVICE_NAME : parts.join(' ');
}

/** `info.brand`, trimmed; a device without one still needs a manufacturer to show. */
export function deriveManufacturer(info: WireDeviceInfo): string {
  const brand = info.brand?.trim() ?? '';
  return brand === '' ? 'Unknown' : brand;
}

/** `info.model` when present and not blank; its absence is normal, never an error. */
export function deriveModel(info: WireDeviceInfo): string | undefined {
  const model = info.model?.trim() ?? '';
  return model === '' ? undefined : model;
}
