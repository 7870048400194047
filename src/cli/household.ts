import type { TibberDataClient } from '../api/index.js';
import type { MappingIssue, TibberDevice, TibberHome } from '../models/index.js';

/** What one read of an account yields: its homes, and each device once with its homes. */
export interface Household {
  readonly homes: readonly TibberHome[];
  readonly devices: readonly HouseholdDevice[];
  readonly issues: readonly MappingIssue[];
}

export interface HouseholdDevice {
  readonly device: TibberDevice;
  /** Vehicles are listed under every home; this is each home that listed the device. */
  readonly homeIds: readonly string[];
}

/**
 * Reads homes, device lists and device details once through the client, each device once
 * however many homes list it (a vehicle is listed under every home).
 */
export async function readHousehold(client: TibberDataClient): Promise<Household> {
  const issues: MappingIssue[] = [];
  const homes = await client.getHomes();
  issues.push(...homes.issues);

  const byDevice = new Map<string, string[]>();
  for (const home of homes.items) {
    const list = await client.getDevices(home.homeId);
    issues.push(...list.issues);
    for (const summary of list.items) {
      byDevice.set(summary.deviceId, [...(byDevice.get(summary.deviceId) ?? []), home.homeId]);
    }
  }

  const devices: HouseholdDevice[] = [];
  for (const [deviceId, homeIds] of byDevice) {
    const [homeId] = homeIds;
    if (homeId === undefined) continue;
    const detail = await client.getDevice(homeId, deviceId);
    issues.push(...detail.issues);
    devices.push({ device: detail.device, homeIds });
  }
  return { homes: homes.items, devices, issues };
}
