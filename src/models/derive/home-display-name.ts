import type { WireHome } from '../wire/home.js';

/**
 * A home's display name: `name` at the root, else `info.name` (both shapes are seen), else
 * `Home` and the start of its id, so that two unnamed homes still tell apart.
 */
export function deriveHomeDisplayName(home: Pick<WireHome, 'id' | 'name' | 'info'>): string {
  for (const candidate of [home.name, home.info?.name]) {
    const trimmed = candidate?.trim() ?? '';
    if (trimmed !== '') return trimmed;
  }
  const idStart = home.id.trim().slice(0, 8);
  return idStart === '' ? 'Home' : `Home ${idStart}`;
}
