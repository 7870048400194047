import { capitalise, humaniseId, splitIdWords } from './words.js';

/** The base display name of a capability or attribute: its description, else its id. */
export function baseDisplayName(id: string, description: string | null | undefined): string {
  const text = description?.trim() ?? '';
  return text === '' ? humaniseId(id) : capitalise(text);
}

export interface NamedItem {
  readonly id: string;
  readonly baseName: string;
}

/**
 * Display names unique within one device. Descriptions repeat (a battery describes its
 * hourly and daily counters alike), so every member of a group sharing a base name gets a
 * suffix from the id segments that tell it apart: `Battery charged (hour)`. All members,
 * not just the later ones, so that a name does not change when its sibling vanishes for a
 * poll. Whatever still collides falls back to the full id, then to a counter.
 */
export function uniqueDisplayNames(items: readonly NamedItem[]): string[] {
  const groups = new Map<string, NamedItem[]>();
  for (const item of items) {
    const key = item.baseName.toLowerCase();
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }

  const suffixes = new Map<NamedItem, string>();
  for (const group of groups.values()) {
    if (group.length > 1) distinguishingSuffixes(group, suffixes);
  }

  const taken = new Set<string>();
  return items.map((item) => {
    const suffix = suffixes.get(item);
    const preferred = suffix === undefined ? item.baseName : `${item.baseName} (${suffix})`;
    const name = firstFree(taken, [preferred, `${item.baseName} (${item.id})`]);
    taken.add(name.toLowerCase());
    return name;
  });
}

/** For each member of a group, the words of the id segments not shared by every member. */
function distinguishingSuffixes(
  group: readonly NamedItem[],
  into: Map<NamedItem, string>,
): void {
  const segmentsOf = group.map((item) => item.id.split('.'));
  const sets = segmentsOf.map((segments) => new Set(segments));
  const sharedByAll = (segment: string): boolean => sets.every((set) => set.has(segment));

  group.forEach((item, index) => {
    const segments = segmentsOf[index] ?? [];
    const words = segments.filter((segment) => !sharedByAll(segment)).flatMap(splitIdWords);
    into.set(item, words.length === 0 ? item.id : words.join(' '));
  });
}

function firstFree(taken: ReadonlySet<string>, candidates: readonly string[]): string {
  for (const candidate of candidates) {
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
  const last = candidates[candidates.length - 1] ?? '';
  let counter = 2;
  while (taken.has(`${last} ${counter}`.toLowerCase())) counter++;
  return `${last} ${counter}`;
}
