import type {
  DeviceAttribute,
  DeviceCapability,
  TibberDevice,
  TibberHome,
} from '../models/index.js';
import type { Change } from './changes.js';
import type { CoordinatorSnapshot } from './snapshot.js';

/**
 * The changes from one snapshot to the next, by value. Timestamps alone (`lastSeen`, a
 * capability's `lastUpdated`, which follows it) make no change: a vehicle that reports
 * the same values again changed nothing a listener would show. Online status is not
 * diffed here: its legal steps are emitted as the coordinator walks them.
 */
export function diffSnapshots(previous: CoordinatorSnapshot, next: CoordinatorSnapshot): Change[] {
  const changes: Change[] = [];
  diffById(previous.homes, next.homes, (h) => h.homeId, {
    added: (current) => changes.push({ kind: 'homeAdded', current }),
    removed: (old) => changes.push({ kind: 'homeRemoved', previous: old }),
    kept: (old, current) => {
      if (!sameHome(old, current)) changes.push({ kind: 'homeUpdated', previous: old, current });
    },
  });

  const oldDevices = previous.devices.map((entry) => entry.device);
  const newDevices = next.devices.map((entry) => entry.device);
  diffById(oldDevices, newDevices, (d) => d.deviceId, {
    added: (current) => changes.push({ kind: 'deviceAdded', current }),
    removed: (old) => changes.push({ kind: 'deviceRemoved', previous: old }),
    kept: (old, current) => {
      if (!sameDeviceFields(old, current)) {
        changes.push({ kind: 'deviceUpdated', previous: old, current });
      }
      diffItems(old, current, changes);
    },
  });
  return changes;
}

function diffItems(old: TibberDevice, current: TibberDevice, changes: Change[]): void {
  const { deviceId } = current;
  diffById(old.capabilities, current.capabilities, (c) => c.capabilityId, {
    added: (item) => changes.push({ kind: 'capabilityAdded', deviceId, current: item }),
    removed: (item) => changes.push({ kind: 'capabilityRemoved', deviceId, previous: item }),
    kept: (before, after) => {
      if (!sameCapability(before, after)) {
        changes.push({ kind: 'capabilityChanged', deviceId, previous: before, current: after });
      }
    },
  });
  diffById(old.attributes, current.attributes, (a) => a.attributeId, {
    added: (item) => changes.push({ kind: 'attributeAdded', deviceId, current: item }),
    removed: (item) => changes.push({ kind: 'attributeRemoved', deviceId, previous: item }),
    kept: (before, after) => {
      if (!sameAttribute(before, after)) {
        changes.push({ kind: 'attributeChanged', deviceId, previous: before, current: after });
      }
    },
  });
}

interface DiffHandlers<T> {
  added(item: T): void;
  removed(item: T): void;
  kept(old: T, current: T): void;
}

function diffById<T>(
  old: readonly T[],
  current: readonly T[],
  idOf: (item: T) => string,
  on: DiffHandlers<T>,
): void {
  const oldById = new Map(old.map((item) => [idOf(item), item]));
  for (const item of current) {
    const before = oldById.get(idOf(item));
    if (before === undefined) on.added(item);
    else if (before !== item) on.kept(before, item);
    oldById.delete(idOf(item));
  }
  for (const item of oldById.values()) on.removed(item);
}

function sameHome(a: TibberHome, b: TibberHome): boolean {
  return a.displayName === b.displayName && a.timeZone === b.timeZone &&
    equalJson(a.address, b.address);
}

function sameDeviceFields(a: TibberDevice, b: TibberDevice): boolean {
  return a.name === b.name && a.externalId === b.externalId && a.deviceType === b.deviceType &&
    a.manufacturer === b.manufacturer && a.model === b.model && a.homeId === b.homeId &&
    equalJson(a.historyResolutions, b.historyResolutions) &&
    a.maxRetentionDays === b.maxRetentionDays;
}

function sameCapability(a: DeviceCapability, b: DeviceCapability): boolean {
  return a.value === b.value && a.unit === b.unit && a.kind === b.kind &&
    a.displayName === b.displayName && a.precision === b.precision &&
    a.minValue === b.minValue && a.maxValue === b.maxValue &&
    a.isDiagnostic === b.isDiagnostic && equalJson(a.availableValues, b.availableValues);
}

function sameAttribute(a: DeviceAttribute, b: DeviceAttribute): boolean {
  return a.dataType === b.dataType && a.displayName === b.displayName &&
    a.isDiagnostic === b.isDiagnostic && equalJson(a.value, b.value);
}

/** Wire values are JSON, so their JSON says whether they are equal. */
function equalJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
