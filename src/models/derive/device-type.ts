import type { DeviceType } from '../tibber-device.js';

/** Solar power, a share from solar, or a solar energy counter. */
const SOLAR = /^(powerFlow\.(solar\.|fromSolar$)|energyFlow\.\w+\.solar\.)/;

function has(ids: readonly string[], pattern: RegExp): boolean {
  return ids.some((id) => pattern.test(id));
}

/**
 * The device type, inferred from capability ids because the wire has no type. The most
 * specific evidence wins, in this order:
 * - `range.remaining` → `ev` (a car also has `storage.*` and `charging.status`);
 * - `charging.current.*` → `charger`;
 * - `powerFlow.*` or `energyFlow.*` together with `storage.*` → `battery`;
 * - solar flow (`powerFlow.solar.*`, `powerFlow.fromSolar`, `energyFlow.*.solar.*`)
 *   without `storage.*` → `inverter`;
 * - `temp.*` → `thermostat`;
 * - otherwise `unknown`, which is also what a summary without capabilities gets.
 * `heat_pump` and `meter` come only from explicit hints: no known capability reveals them.
 */
export function inferDeviceType(capabilityIds: readonly string[]): DeviceType {
  if (capabilityIds.includes('range.remaining')) return 'ev';
  if (has(capabilityIds, /^charging\.current\./)) return 'charger';

  const hasStorage = has(capabilityIds, /^storage\./);
  const hasFlow = has(capabilityIds, /^(powerFlow|energyFlow)\./);
  if (hasFlow && hasStorage) return 'battery';

  const hasSolar = has(capabilityIds, SOLAR);
  if (hasSolar) return 'inverter';

  if (has(capabilityIds, /^temp\./)) return 'thermostat';
  return 'unknown';
}
