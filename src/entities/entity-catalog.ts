import { isRatioCapabilityId, unitPrecision } from '../models/index.js';
import type { DeviceCapability } from '../models/index.js';
import type { EntityDescription, ResetPeriod, StateClass } from './entity.js';

/** What the catalogue decides about an entity; ids and the name come from the device. */
export type EntityTraits = Pick<
  EntityDescription,
  | 'platform'
  | 'deviceClass'
  | 'unit'
  | 'displayPrecision'
  | 'stateClass'
  | 'resetsEvery'
  | 'entityCategory'
  | 'options'
  | 'enabledByDefault'
>;

/**
 * A known capability that carries a number. `unit` is the unit the entity shows: a
 * capability sent in another unit is converted when `UNIT_CONVERSIONS` knows how, and kept
 * as sent, without the device class, when it does not (a device class fixes the units a hub
 * accepts).
 */
interface NumericRow {
  readonly kind: 'numeric';
  readonly unit: string;
  readonly deviceClass?: string;
  readonly stateClass: StateClass;
  readonly resetsEvery?: ResetPeriod;
  readonly isEnabledByDefault: boolean;
}

/** A known capability with `availableValues`: the same as an unknown enum, named here. */
interface EnumRow {
  readonly kind: 'enum';
}

/** Two states, `on` and `off`: a binary sensor (see `onOff` below). */
interface OnOffRow {
  readonly kind: 'on_off';
}

type CatalogueRow = NumericRow | EnumRow | OnOffRow;

const measured = (unit: string, deviceClass?: string): NumericRow => ({
  kind: 'numeric',
  unit,
  ...(deviceClass === undefined ? {} : { deviceClass }),
  stateClass: 'measurement',
  isEnabledByDefault: true,
});

const ENUM: EnumRow = { kind: 'enum' };

/**
 * The capability ids of tibber-data-api.md, section 3. Radio and link values get no flag
 * here: the model marks them `isDiagnostic`, and that alone makes an entity diagnostic.
 */
const EXACT_ROWS: ReadonlyMap<string, CatalogueRow> = new Map<string, CatalogueRow>([
  ['storage.stateOfCharge', measured('%', 'battery')],
  ['storage.targetStateOfCharge', measured('%', 'battery')],
  // `energy_storage`, not `energy`: stored energy goes up and down, while a hub reserves
  // `energy` for counters (total or total_increasing).
  ['storage.availableEnergy', measured('kWh', 'energy_storage')],
  ['storage.ratedCapacity', measured('kWh', 'energy_storage')],
  ['storage.ratedPower', measured('W', 'power')],
  // Sent in metres; a range reads in kilometres.
  ['range.remaining', measured('km', 'distance')],
  ['connector.status', ENUM],
  ['charging.status', ENUM],
  // A count of phases: a number without a unit or a device class.
  ['grid.phaseCount', measured('')],
  ['cellular.rssi', measured('dBm', 'signal_strength')],
  ['connectivity.wifi', ENUM],
  ['connectivity.cellular', ENUM],
  // A binary sensor rather than a switch, since the API has no commands, and rather than an
  // enum, since on/off is what a binary sensor is: automations test `on`, not a string.
  ['onOff', { kind: 'on_off' }],
]);

const POWER_FLOW_POWER = /^powerFlow\.[A-Za-z]+\.power$/;
const CHARGING_CURRENT = /^charging\.current\.[A-Za-z]+$/;
const TEMPERATURE = /^temp\.[A-Za-z]+$/;
const ENERGY_FLOW = /^energyFlow\.(hour|day|week|month|year)\.[A-Za-z]+\.\w+(\.\w+)?$/;

/**
 * `energyFlow.<period>.<flow>.<action>`, about seventy on one battery: energy counters that
 * start again from zero each period, hence `total` with the period, never `total_increasing`
 * (a hub would read each reset as a meter swap and corrupt its long-term statistics).
 *
 * kWh rather than the wire's Wh: one unit for all five periods and for `storage.*`, and the
 * unit energy dashboards read in (a year in Wh runs to seven digits). `convertUnit` moves
 * the decimal point, so nothing is lost.
 *
 * Only the day counters are enabled: "today" is what a dashboard shows and what a hub's
 * statistics can sum into weeks, months and years. Hour counters reset too often to read,
 * and the longer periods repeat what a hub already derives; they are there to enable.
 */
function energyFlowRow(id: string): NumericRow | undefined {
  const period = ENERGY_FLOW.exec(id)?.[1];
  if (!isResetPeriod(period)) return undefined;

  return {
    kind: 'numeric',
    unit: 'kWh',
    deviceClass: 'energy',
    stateClass: 'total',
    resetsEvery: period,
    isEnabledByDefault: period === 'day',
  };
}

/** Families of ids, by pattern; the first that matches wins. */
const FAMILY_ROWS: readonly ((id: string) => CatalogueRow | undefined)[] = [
  // Signed: power flows both ways.
  (id) => (POWER_FLOW_POWER.test(id) ? measured('W', 'power') : undefined),
  // Shares of a flow, already scaled from 0–1 to percent by the model: no device class,
  // since `battery` would claim they are a charge level.
  (id) => (isRatioCapabilityId(id) ? measured('%') : undefined),
  (id) => (CHARGING_CURRENT.test(id) ? measured('A', 'current') : undefined),
  (id) => (TEMPERATURE.test(id) ? measured('°C', 'temperature') : undefined),
  energyFlowRow,
];

function catalogueRow(id: string): CatalogueRow | undefined {
  const exact = EXACT_ROWS.get(id);
  if (exact !== undefined) return exact;

  for (const family of FAMILY_ROWS) {
    const row = family(id);
    if (row !== undefined) return row;
  }
  return undefined;
}

/**
 * The traits of a capability's entity. A known id whose capability arrives in another shape
 * than the catalogue expects (an enum as text, a number as a string) gets the default of its
 * shape rather than traits that would not fit it.
 */
export function capabilityTraits(capability: DeviceCapability): EntityTraits {
  const row = catalogueRow(capability.capabilityId);

  switch (row?.kind) {
    case 'numeric':
      return capability.kind === 'numeric'
        ? numericTraits(row, capability)
        : defaultTraits(capability);
    case 'on_off':
      return isOnOff(capability) ? binaryTraits(capability) : defaultTraits(capability);
    case 'enum':
    case undefined:
      return defaultTraits(capability);
  }
}

function numericTraits(row: NumericRow, capability: DeviceCapability): EntityTraits {
  const sentUnit = capability.unit ?? '';
  const isConvertible = sentUnit === row.unit || findConversion(sentUnit, row.unit) !== undefined;

  return {
    platform: 'sensor',
    ...(isConvertible && row.deviceClass !== undefined ? { deviceClass: row.deviceClass } : {}),
    ...unitTraits(isConvertible ? row.unit : sentUnit),
    displayPrecision: isConvertible ? unitPrecision(row.unit) : capability.precision,
    stateClass: row.stateClass,
    ...(row.resetsEvery === undefined ? {} : { resetsEvery: row.resetsEvery }),
    ...diagnosticTraits(capability, row.isEnabledByDefault),
  };
}

/**
 * An unknown capability, by its shape: a number is a measurement in its own unit, without a
 * device class (a unit does not say which quantity it measures); an enum is an enum; text
 * has no state class; a boolean is a binary sensor.
 */
function defaultTraits(capability: DeviceCapability): EntityTraits {
  switch (capability.kind) {
    case 'numeric':
      return {
        platform: 'sensor',
        ...unitTraits(capability.unit ?? ''),
        displayPrecision: capability.precision,
        stateClass: 'measurement',
        ...diagnosticTraits(capability, true),
      };
    case 'enum':
      return {
        platform: 'enum_sensor',
        deviceClass: 'enum',
        options: capability.availableValues ?? [],
        ...diagnosticTraits(capability, true),
      };
    case 'text':
      return { platform: 'sensor', ...diagnosticTraits(capability, true) };
    case 'boolean':
      return binaryTraits(capability);
  }
}

function binaryTraits(capability: DeviceCapability): EntityTraits {
  return { platform: 'binary_sensor', ...diagnosticTraits(capability, true) };
}

/**
 * On/off as a boolean, as text, or as an enum of no more than `on` and `off`: an enum with a
 * third value (`auto`) would lose it as a binary sensor, so it stays an enum.
 */
function isOnOff(capability: DeviceCapability): boolean {
  switch (capability.kind) {
    case 'boolean':
    case 'text':
      return true;
    case 'enum':
      return (capability.availableValues ?? []).every((value) => ON_OFF.has(value.toLowerCase()));
    case 'numeric':
      return false;
  }
}

const ON_OFF: ReadonlySet<string> = new Set(['on', 'off']);

/** `""` is a unitless count: no unit at all, rather than an empty one. */
function unitTraits(unit: string): Pick<EntityTraits, 'unit'> {
  return unit === '' ? {} : { unit };
}

/** Diagnostics are off by default: they describe the link, not the device. */
function diagnosticTraits(
  capability: DeviceCapability,
  isEnabledByDefault: boolean,
): Pick<EntityTraits, 'entityCategory' | 'enabledByDefault'> {
  return capability.isDiagnostic
    ? { entityCategory: 'diagnostic', enabledByDefault: false }
    : { enabledByDefault: isEnabledByDefault };
}

const RESET_PERIODS: readonly string[] = ['hour', 'day', 'week', 'month', 'year'];

function isResetPeriod(text: string | undefined): text is ResetPeriod {
  return text !== undefined && RESET_PERIODS.includes(text);
}

/** A conversion multiplies by 10^exponent: m → km is a factor of 0.001. */
interface UnitConversion {
  readonly from: string;
  readonly to: string;
  readonly exponent: number;
}

const UNIT_CONVERSIONS: readonly UnitConversion[] = [
  { from: 'm', to: 'km', exponent: -3 },
  { from: 'Wh', to: 'kWh', exponent: -3 },
  { from: 'kW', to: 'W', exponent: 3 },
];

function findConversion(from: string, to: string): UnitConversion | undefined {
  return UNIT_CONVERSIONS.find((conversion) => conversion.from === from && conversion.to === to);
}

/**
 * `value` in `from` expressed in `to`, at full precision (rounding is the display's
 * business); `undefined` when no conversion between the two units is known. An entity's
 * unit `undefined` and a capability's `""` are both "no unit".
 */
export function convertUnit(
  value: number,
  from: string | undefined,
  to: string | undefined,
): number | undefined {
  const source = from ?? '';
  const target = to ?? '';
  if (source === target) return value;

  const conversion = findConversion(source, target);
  if (conversion === undefined) return undefined;

  return shiftDecimalPoint(value, conversion.exponent);
}

/**
 * `value × 10^exponent` by moving the decimal point of the number as written, so that the
 * result is the double nearest the exact decimal: 12345.6 Wh is 12.3456 kWh, where both
 * `12345.6 * 0.001` and `12345.6 / 1000` give 12.345600000000001.
 */
function shiftDecimalPoint(value: number, exponent: number): number {
  const [mantissa = '', written = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(written) + exponent}`);
}
