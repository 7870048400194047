import type {
  MappedDevice,
  MappingIssue,
  MappingWarning,
  OnlineStatus,
  TibberDevice,
  TibberHome,
} from '../models/index.js';
import { RateLimitedError, ReauthorizationRequiredError } from '../shared/errors.js';
import type { CoordinatorSettings } from './coordinator-settings.js';
import type { ItemHistory } from './merge-device.js';
import { emptyItemHistory, mergeDevice } from './merge-device.js';

/** What the coordinator keeps per device between polls. */
export interface DeviceState {
  readonly device: TibberDevice;
  readonly homeIds: readonly string[];
  readonly history: ItemHistory;
  /** Where the device stands on `offline → connecting → online → offline`. */
  readonly onlineStatus: OnlineStatus;
  readonly lastSuccessMs: number | undefined;
  readonly failingSinceMs: number | undefined;
}

/** What the caches hold between polls. */
export interface PollCache {
  homes: { readonly items: readonly TibberHome[]; readonly fetchedAtMs: number } | undefined;
  readonly lists: Map<string, { readonly items: readonly TibberDevice[]; fetchedAtMs: number }>;
}

export interface PollOutcome {
  readonly homes: readonly TibberHome[];
  /** Every known device, in list order, with the evidence of this poll. */
  readonly devices: readonly PolledDevice[];
  readonly problems: readonly PersistentProblem[];
  /** Unknown capabilities and units this poll met: kept as they are, worth a word once. */
  readonly warnings: readonly MappingWarning[];
}

export interface PolledDevice {
  readonly state: DeviceState;
  /** What this poll says of reachability; the coordinator walks the legal steps to it. */
  readonly evidence: OnlineStatus;
}

export interface PersistentProblem {
  readonly deviceId: string;
  readonly issue: MappingIssue;
}

/**
 * One poll: homes and device lists when their cache has expired (or discovery is forced),
 * then every device's detail. A steady poll costs one request per device. One device
 * failing affects that device only; the poll fails as a whole only when nothing answered,
 * and at once when the user must sign in again.
 */
export async function poll(
  settings: CoordinatorSettings,
  cache: PollCache,
  previous: ReadonlyMap<string, DeviceState>,
  force: boolean,
  signal: AbortSignal,
): Promise<PollOutcome> {
  const { client, clock } = settings;
  const homes = await pollHomes(settings, cache, force, signal);
  await Promise.all(homes.map((home) => pollList(settings, cache, home.homeId, force, signal)));
  for (const homeId of cache.lists.keys()) {
    if (!homes.some((home) => home.homeId === homeId)) cache.lists.delete(homeId);
  }

  const listed = listedDevices(homes, cache, previous);
  const details = await Promise.allSettled(
    listed.map(({ summary, homeIds }) =>
      client.getDevice(homeIds[0] ?? summary.homeId, summary.deviceId, { signal }),
    ),
  );
  throwIfNothingAnswered(details);

  const nowMs = clock.now();
  const problems: PersistentProblem[] = [];
  const warnings = details.flatMap((detail) =>
    detail.status === 'fulfilled'
      ? detail.value.issues.flatMap((issue) => (issue.kind === 'warning' ? [issue.warning] : []))
      : [],
  );
  const devices = listed.map(({ summary, homeIds }, index): PolledDevice => {
    const old = previous.get(summary.deviceId);
    const detail = details[index];
    if (detail?.status !== 'fulfilled') {
      return {
        state: {
          device: old?.device ?? summary,
          homeIds,
          history: old?.history ?? emptyItemHistory(),
          onlineStatus: old?.onlineStatus ?? 'offline',
          lastSuccessMs: old?.lastSuccessMs,
          failingSinceMs: old?.failingSinceMs ?? nowMs,
        },
        evidence: 'offline',
      };
    }
    return merged(settings, old, detail.value, homeIds, nowMs, problems);
  });
  return { homes, devices, problems, warnings };
}

function merged(
  settings: CoordinatorSettings,
  old: DeviceState | undefined,
  detail: MappedDevice,
  homeIds: readonly string[],
  nowMs: number,
  problems: PersistentProblem[],
): PolledDevice {
  const history = old?.history ?? emptyItemHistory();
  const result = mergeDevice(old?.device, detail, history, settings.persistentAfterPolls);
  for (const { issue } of result.persistentProblems) {
    problems.push({ deviceId: detail.device.deviceId, issue });
  }
  return {
    state: {
      device: result.device,
      homeIds,
      history,
      onlineStatus: old?.onlineStatus ?? 'offline',
      lastSuccessMs: nowMs,
      failingSinceMs: undefined,
    },
    evidence: detail.device.onlineStatus,
  };
}

async function pollHomes(
  settings: CoordinatorSettings,
  cache: PollCache,
  force: boolean,
  signal: AbortSignal,
): Promise<readonly TibberHome[]> {
  const nowMs = settings.clock.now();
  const cached = cache.homes;
  if (cached !== undefined && !force && nowMs - cached.fetchedAtMs < settings.homesTtlMs) {
    return cached.items;
  }
  try {
    const { items } = await settings.client.getHomes({ signal });
    cache.homes = { items, fetchedAtMs: nowMs };
    return items;
  } catch (error) {
    // Homes rarely change: a failed refresh of the list keeps the last one.
    if (cached === undefined || error instanceof ReauthorizationRequiredError) throw error;
    return cached.items;
  }
}

async function pollList(
  settings: CoordinatorSettings,
  cache: PollCache,
  homeId: string,
  force: boolean,
  signal: AbortSignal,
): Promise<void> {
  const nowMs = settings.clock.now();
  const cached = cache.lists.get(homeId);
  if (cached !== undefined && !force && nowMs - cached.fetchedAtMs < settings.deviceListTtlMs) {
    return;
  }
  try {
    const { items } = await settings.client.getDevices(homeId, { signal });
    cache.lists.set(homeId, { items, fetchedAtMs: nowMs });
  } catch (error) {
    // The home's devices stay as last listed; without a list, as they were last known.
    if (error instanceof ReauthorizationRequiredError) throw error;
  }
}

interface Listed {
  readonly summary: TibberDevice;
  readonly homeIds: readonly string[];
}

/**
 * Each device once, in home order: vehicles are listed under every home. A home whose list
 * never arrived keeps the devices previously known under it, so that an outage of one
 * list call removes nothing.
 */
function listedDevices(
  homes: readonly TibberHome[],
  cache: PollCache,
  previous: ReadonlyMap<string, DeviceState>,
): Listed[] {
  const byId = new Map<string, { summary: TibberDevice; homeIds: string[] }>();
  const add = (summary: TibberDevice, homeId: string): void => {
    const entry = byId.get(summary.deviceId);
    if (entry === undefined) byId.set(summary.deviceId, { summary, homeIds: [homeId] });
    else if (!entry.homeIds.includes(homeId)) entry.homeIds.push(homeId);
  };

  for (const home of homes) {
    const list = cache.lists.get(home.homeId);
    if (list !== undefined) {
      for (const summary of list.items) add(summary, home.homeId);
      continue;
    }
    for (const state of previous.values()) {
      if (state.homeIds.includes(home.homeId)) add(state.device, home.homeId);
    }
  }
  return [...byId.values()];
}

/** Rethrows when the poll as a whole failed: a sign-in needed, or no detail at all. */
function throwIfNothingAnswered(details: readonly PromiseSettledResult<MappedDevice>[]): void {
  const failures = details.flatMap((d) => (d.status === 'rejected' ? [d.reason as unknown] : []));
  const reauth = failures.find((error) => error instanceof ReauthorizationRequiredError);
  if (reauth !== undefined) throw reauth;
  if (failures.length === 0 || failures.length < details.length) return;

  throw failures.find((error) => error instanceof RateLimitedError) ?? failures[0];
}
