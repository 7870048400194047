import type { WireJsonObject } from './source.js';

/**
 * The energy flows of a home energy system, named as the wire names the part of an
 * `energyFlow.<period>.<flow>` capability after the period. Each flow is a non-negative
 * amount; `source.<x>` says where the energy came from.
 */
export const ENERGY_FLOWS = [
  'battery.charged',
  'battery.discharged',
  'battery.source.grid',
  'battery.source.solar',
  'grid.imported',
  'grid.exported',
  'grid.source.battery',
  'grid.source.solar',
  'load.consumed',
  'load.source.battery',
  'load.source.grid',
  'load.source.solar',
  'solar.produced',
  'solar.consumed',
] as const;

export type EnergyFlow = (typeof ENERGY_FLOWS)[number];

export const FLOW_COUNT = ENERGY_FLOWS.length;

/** Positions in a flow vector (a `Float64Array` of `FLOW_COUNT`). */
export const FLOW = {
  batteryCharged: 0,
  batteryDischarged: 1,
  batteryFromGrid: 2,
  batteryFromSolar: 3,
  gridImported: 4,
  gridExported: 5,
  gridFromBattery: 6,
  gridFromSolar: 7,
  loadConsumed: 8,
  loadFromBattery: 9,
  loadFromGrid: 10,
  loadFromSolar: 11,
  solarProduced: 12,
  solarConsumed: 13,
} as const;

// The same wording for every period: descriptions repeat on the wire too.
export const FLOW_DESCRIPTIONS: Readonly<Record<EnergyFlow, string>> = {
  'battery.charged': 'battery charged energy',
  'battery.discharged': 'battery discharged energy',
  'battery.source.grid': 'battery energy from grid',
  'battery.source.solar': 'battery energy from solar',
  'grid.imported': 'grid imported energy',
  'grid.exported': 'grid exported energy',
  'grid.source.battery': 'grid energy from battery',
  'grid.source.solar': 'grid energy from solar',
  'load.consumed': 'load consumed energy',
  'load.source.battery': 'load energy from battery',
  'load.source.grid': 'load energy from grid',
  'load.source.solar': 'load energy from solar',
  'solar.produced': 'solar produced energy',
  'solar.consumed': 'solar self-consumed energy',
};

/**
 * A flow vector as nested history data: `{battery: {charged, source: {grid}}, …}`,
 * keeping only the flows listed, each rounded to whole watt-hours.
 */
export function nestedFlows(
  flowsWh: Float64Array,
  flows: readonly EnergyFlow[] = ENERGY_FLOWS,
): WireJsonObject {
  const root: WireJsonObject = {};
  for (const flow of flows) {
    const path = flow.split('.');
    const leaf = path.pop() ?? flow;
    let node = root;
    for (const part of path) {
      const child = node[part];
      const next: WireJsonObject = isObject(child) ? child : {};
      node[part] = next;
      node = next;
    }
    node[leaf] = Math.max(0, Math.round(flowsWh[ENERGY_FLOWS.indexOf(flow)] ?? 0));
  }
  return root;
}

function isObject(value: unknown): value is WireJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
