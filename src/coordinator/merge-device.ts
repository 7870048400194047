import type {
  DeviceAttribute,
  DeviceCapability,
  MappedDevice,
  MappingIssue,
  TibberDevice,
} from '../models/index.js';

/** Per item of a device: polls in a row it was absent, or invalid. */
export interface ItemHistory {
  readonly absentPolls: Map<string, number>;
  readonly invalidPolls: Map<string, number>;
}

export function emptyItemHistory(): ItemHistory {
  return { absentPolls: new Map(), invalidPolls: new Map() };
}

export interface MergeResult {
  readonly device: TibberDevice;
  /** Items (`capability:<id>`, `attribute:<id>`) invalid for exactly the limit of polls now. */
  readonly persistentProblems: readonly { readonly key: string; readonly issue: MappingIssue }[];
}

/**
 * A detail response merged over what was known. Around hour boundaries Tibber drops a
 * capability from a response, or sends it `null`, then brings it back: the last good value
 * stays until it has been absent for `removeAfterPolls` polls in a row (a firmware update
 * that really removed it). An item the response had but that failed validation keeps its
 * last valid value; after `removeAfterPolls` such polls it is reported, once.
 */
export function mergeDevice(
  previous: TibberDevice | undefined,
  fresh: MappedDevice,
  history: ItemHistory,
  removeAfterPolls: number,
): MergeResult {
  const rejected = new Set<string>();
  const problems: { key: string; issue: MappingIssue }[] = [];
  for (const issue of fresh.issues) {
    if (issue.kind !== 'rejected') continue;
    const key = `${issue.itemKind}:${issue.itemRef}`;
    rejected.add(key);
    const polls = (history.invalidPolls.get(key) ?? 0) + 1;
    history.invalidPolls.set(key, polls);
    if (polls === removeAfterPolls) problems.push({ key, issue });
  }
  for (const key of history.invalidPolls.keys()) {
    if (!rejected.has(key)) history.invalidPolls.delete(key);
  }

  const kept = { absent: 0 };
  const capabilities = mergeItems(
    previous?.capabilities ?? [],
    fresh.device.capabilities,
    (c) => c.capabilityId,
    { history, kind: 'capability', rejected, removeAfterPolls, keepOld: isNullOverValue, kept },
  );
  const attributes = mergeItems(
    previous?.attributes ?? [],
    fresh.device.attributes,
    (a) => a.attributeId,
    { history, kind: 'attribute', rejected, removeAfterPolls, keepOld: () => false, kept },
  );
  // The type is inferred from the capabilities sent; one kept while absent must not flip it.
  const deviceType = kept.absent > 0 && previous !== undefined
    ? previous.deviceType
    : fresh.device.deviceType;
  return {
    device: { ...fresh.device, deviceType, capabilities, attributes },
    persistentProblems: problems,
  };
}

interface MergeRules<T> {
  readonly history: ItemHistory;
  readonly kind: 'capability' | 'attribute';
  readonly rejected: ReadonlySet<string>;
  readonly removeAfterPolls: number;
  /** True when the fresh item must not replace the old one. */
  readonly keepOld: (old: T, fresh: T) => boolean;
  /** Counts the items kept although the response left them out. */
  readonly kept: { absent: number };
}

function mergeItems<T extends DeviceCapability | DeviceAttribute>(
  old: readonly T[],
  fresh: readonly T[],
  idOf: (item: T) => string,
  rules: MergeRules<T>,
): T[] {
  const freshById = new Map(fresh.map((item) => [idOf(item), item]));
  const merged: T[] = [];

  for (const item of old) {
    const id = idOf(item);
    const key = `${rules.kind}:${id}`;
    const next = freshById.get(id);
    freshById.delete(id);
    if (next !== undefined) {
      rules.history.absentPolls.delete(key);
      merged.push(rules.keepOld(item, next) ? item : next);
      continue;
    }
    if (rules.rejected.has(key)) {
      merged.push(item);
      continue;
    }
    const absent = (rules.history.absentPolls.get(key) ?? 0) + 1;
    rules.history.absentPolls.set(key, absent);
    if (absent < rules.removeAfterPolls) {
      merged.push(item);
      rules.kept.absent++;
    } else {
      rules.history.absentPolls.delete(key);
    }
  }
  // New items in the order the device sent them.
  for (const item of fresh) if (freshById.has(idOf(item))) merged.push(item);
  return merged;
}

function isNullOverValue(old: DeviceCapability, fresh: DeviceCapability): boolean {
  return fresh.value === null && old.value !== null;
}
