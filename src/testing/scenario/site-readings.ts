import type { CapabilityDescriptor } from './capability.js';
import { measured, roundTo } from './capability.js';
import type { EnergyLedger } from './energy-ledger.js';
import type { EnergyFlow } from './energy-flows.js';
import { ENERGY_FLOWS, FLOW, FLOW_COUNT, FLOW_DESCRIPTIONS } from './energy-flows.js';
import { PERIOD_UNITS, QUARTER_HOUR_MS, periodStartMs } from './zone-time.js';

/**
 * Readings shared by the devices of an energy site (batteries, inverters): power flows,
 * their ratios and the period counters, all derived from the same quarter-hour flows so
 * that they agree with each other and with history.
 */

export type PowerFlowSide = 'battery' | 'grid' | 'load' | 'solar';

const POWER_DESCRIPTIONS: Readonly<Record<PowerFlowSide, string>> = {
  battery: 'battery power',
  grid: 'grid power',
  load: 'load power',
  solar: 'solar power',
};

export function powerCapabilities(sides: readonly PowerFlowSide[]): CapabilityDescriptor[] {
  return sides.map((side) => measured(`powerFlow.${side}.power`, POWER_DESCRIPTIONS[side], 'W'));
}

/** `energyFlow.<period>.<flow>` for every period, period by period. */
export function counterCapabilities(flows: readonly EnergyFlow[]): CapabilityDescriptor[] {
  return PERIOD_UNITS.flatMap((unit) =>
    flows.map((flow) => measured(`energyFlow.${unit}.${flow}`, FLOW_DESCRIPTIONS[flow], 'Wh')),
  );
}

const RATIO_IDS = ['toGrid', 'toLoad', 'fromGrid', 'fromLoad', 'fromSolar', 'toBattery'];

export function ratioCapabilities(): CapabilityDescriptor[] {
  return RATIO_IDS.map((id) => measured(`powerFlow.${id}`, 'power flow share', '%'));
}

/** Average power of every flow in the quarter hour of `ms`, at unit size. */
export function flowsAt(ledger: EnergyLedger, ms: number): Float64Array {
  const flows = new Float64Array(FLOW_COUNT);
  ledger.site.slotFlows(Math.floor(ms / QUARTER_HOUR_MS), flows);
  return flows;
}

/** Power of each side, signed: positive into the home. */
export function powerReadings(
  flows: Float64Array,
  size: number,
  sides: readonly PowerFlowSide[],
): number[] {
  const watts = (index: number): number => (flows[index] ?? 0) * size;
  const readings: Record<PowerFlowSide, number> = {
    battery: watts(FLOW.batteryDischarged) - watts(FLOW.batteryCharged),
    grid: watts(FLOW.gridImported) - watts(FLOW.gridExported),
    load: watts(FLOW.loadConsumed),
    solar: watts(FLOW.solarProduced),
  };
  return sides.map((side) => roundTo(readings[side], 0));
}

/**
 * The six ratios, in the order of `ratioCapabilities`. The wire gives them unit `%` but
 * values from 0 to 1, and no definition: here `to*` split where solar power goes and
 * `from*` split what feeds the load, `fromLoad` standing for the battery's share so that
 * the three sum to one.
 */
export function ratioReadings(flows: Float64Array): number[] {
  const share = (part: number, whole: number): number => {
    const total = flows[whole] ?? 0;
    return total > 0 ? roundTo((flows[part] ?? 0) / total, 2) : 0;
  };
  return [
    share(FLOW.gridFromSolar, FLOW.solarProduced),
    share(FLOW.loadFromSolar, FLOW.solarProduced),
    share(FLOW.loadFromGrid, FLOW.loadConsumed),
    share(FLOW.loadFromBattery, FLOW.loadConsumed),
    share(FLOW.loadFromSolar, FLOW.loadConsumed),
    share(FLOW.batteryFromSolar, FLOW.solarProduced),
  ];
}


/** Counter values in the order of `counterCapabilities`: energy since each period began. */
export function counterReadings(
  ledger: EnergyLedger,
  zone: string,
  reportMs: number,
  size: number,
  flows: readonly EnergyFlow[],
): number[] {
  const indices = flows.map((flow) => ENERGY_FLOWS.indexOf(flow));
  return PERIOD_UNITS.flatMap((unit) => {
    const energy = ledger.between(periodStartMs(reportMs, zone, unit), reportMs);
    return indices.map((index) => Math.max(0, Math.round((energy[index] ?? 0) * size)));
  });
}
