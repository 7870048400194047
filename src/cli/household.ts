import type { MappingContext, MappingIssue, TibberDevice, TibberHome } from '../models/index.js';
import { mapDeviceDetail, mapDeviceList, mapHomes } from '../models/index.js';
import { libraryIdentity } from '../shared/version.js';

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
 * Reads homes, device lists and device details once, with plain `fetch`. The demo's
 * stand-in until the API client exists; it runs the same domain mapping.
 */
export async function readHousehold(
  dataApiUrl: string,
  accessToken: string,
  context: MappingContext,
): Promise<Household> {
  const get = (path: string): Promise<unknown> => getJson(dataApiUrl, path, accessToken);
  const issues: MappingIssue[] = [];

  const homes = mapHomes(await get('/v1/homes'), context);
  issues.push(...homes.issues);

  const byDevice = new Map<string, { homeIds: string[]; device?: TibberDevice }>();
  for (const home of homes.items) {
    const list = mapDeviceList(await get(devicesPath(home.homeId)), home.homeId, context);
    issues.push(...list.issues);
    for (const summary of list.items) {
      const entry = byDevice.get(summary.deviceId) ?? { homeIds: [] };
      entry.homeIds.push(home.homeId);
      byDevice.set(summary.deviceId, entry);
    }
  }

  const devices: HouseholdDevice[] = [];
  for (const [deviceId, entry] of byDevice) {
    const [homeId] = entry.homeIds;
    if (homeId === undefined) continue;
    const body = await get(`${devicesPath(homeId)}/${encodeURIComponent(deviceId)}`);
    const detail = mapDeviceDetail(body, homeId, context);
    issues.push(...detail.issues);
    devices.push({ device: detail.device, homeIds: entry.homeIds });
  }
  return { homes: homes.items, devices, issues };
}

function devicesPath(homeId: string): string {
  return `/v1/homes/${encodeURIComponent(homeId)}/devices`;
}

async function getJson(baseUrl: string, path: string, accessToken: string): Promise<unknown> {
  const { name, version } = libraryIdentity();
  const response = await fetch(new URL(path, baseUrl), {
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${accessToken}`,
      'user-agent': `tibber-data-cli/${version} ${name}/${version} (node ${process.version})`,
    },
  });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}
