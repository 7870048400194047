import type { TibberDevice, TibberHome } from '../models/index.js';
import { deepFreeze, toUtcIso } from '../models/index.js';
import { ReauthorizationRequiredError } from '../shared/errors.js';
import type { AvailabilityEvent } from './coordinator-events.js';
import type { DeviceState } from './poll.js';
import type { CoordinatorSnapshot, DeviceEntry } from './snapshot.js';

export interface SnapshotInput {
  readonly homes: readonly TibberHome[];
  readonly states: Iterable<DeviceState>;
  readonly nowMs: number;
  readonly lastSuccessAtMs: number | undefined;
  readonly graceWindowMs: number;
  /** Why the last poll failed, when it did. */
  readonly error: Error | undefined;
}

/**
 * The frozen snapshot of what is known now. The whole is available after a success and
 * within the grace window of the last one, never once a sign-in is needed; a device is
 * available when the whole is and its own detail has not failed for the grace window.
 */
export function buildSnapshot(input: SnapshotInput): CoordinatorSnapshot {
  const { nowMs, graceWindowMs, lastSuccessAtMs, error } = input;
  const withinGrace = (sinceMs: number | undefined): boolean =>
    sinceMs === undefined || nowMs - sinceMs < graceWindowMs;
  const available = !(error instanceof ReauthorizationRequiredError) &&
    lastSuccessAtMs !== undefined && (error === undefined || withinGrace(lastSuccessAtMs));

  const devices: DeviceEntry[] = [...input.states].map((state) => ({
    device: { ...state.device, onlineStatus: state.onlineStatus },
    homeIds: state.homeIds,
    available: available && withinGrace(state.failingSinceMs),
    ...optional('lastSuccessAt', state.lastSuccessMs),
    ...optional('staleSince', state.failingSinceMs),
  }));
  const homes = input.homes.map((home) => ({
    ...home,
    devices: devices
      .filter((entry) => entry.homeIds.includes(home.homeId))
      .map((entry): TibberDevice => entry.device),
  }));
  return deepFreeze({ homes, devices, takenAt: toUtcIso(nowMs), available });
}

/** Whose availability differs between two snapshots, the whole first. */
export function availabilityChanges(
  previous: CoordinatorSnapshot,
  next: CoordinatorSnapshot,
  error: Error | undefined,
): AvailabilityEvent[] {
  const events: AvailabilityEvent[] = [];
  const reason = error === undefined ? {} : { error };
  if (previous.available !== next.available) {
    events.push({ available: next.available, ...(next.available ? {} : reason) });
  }
  const before = new Map(previous.devices.map((e) => [e.device.deviceId, e.available]));
  for (const entry of next.devices) {
    const was = before.get(entry.device.deviceId);
    if (was !== undefined && was !== entry.available) {
      events.push({
        deviceId: entry.device.deviceId,
        available: entry.available,
        ...(entry.available ? {} : reason),
      });
    }
  }
  return events;
}

/** `{ [key]: ISO }` when there is a time, else nothing: optional fields stay absent. */
function optional<K extends string>(
  key: K,
  epochMs: number | undefined,
): Partial<Record<K, string>> {
  return epochMs === undefined ? {} : ({ [key]: toUtcIso(epochMs) } as Record<K, string>);
}
