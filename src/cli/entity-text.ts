import type { EntityDescription, EntityState } from '../entities/index.js';

/** `72 %`, `11.0 kW`, `on`, `charging`; `unavailable` and `unknown` as Home Assistant says. */
export function formatEntityState(description: EntityDescription, state: EntityState): string {
  if (!state.available) return 'unavailable';
  const { value } = state;
  if (value === null) return 'unknown';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'string') return value;

  const number = description.displayPrecision === undefined
    ? String(value)
    : value.toFixed(description.displayPrecision);
  const { unit } = description;
  return unit === undefined || unit === '' ? number : `${number} ${unit}`;
}
