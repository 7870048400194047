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
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const key = item.baseName.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), item.id]);
  }

  const taken = new Set<string>();
  return items.map((item) => {
    const siblings = groups.get(item.baseName.toLowerCase()) ?? [];
    const preferred = siblings.length < 2
      ? item.baseName
      : `${item.baseName} (${distinguishingSuffix(item.id, siblings)})`;
    const name = firstFree(taken, [preferred, `${item.baseName} (${item.id})`]);
    taken.add(name.toLowerCase());
    return name;
  });
}

function distinguishingSuffix(id: string, siblingIds: readonly string[]): string {
  const segmentsOf = (value: string): string[] => value.split('.');
  const shared = segmentsOf(id).filter((segment) =>
    siblingIds.every((sibling) => segmentsOf(sibling).includes(segment)),
  );
  const distinct = segmentsOf(id).filter((segment) => !shared.includes(segment));
  const words = distinct.flatMap(splitIdWords);
  return words.length === 0 ? id : words.join(' ');
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
