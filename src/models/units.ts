/** The standardized unit list of the domain; `""` is a unitless count (`grid.phaseCount`). */
export const STANDARD_UNITS = [
  '%',
  'W',
  'kW',
  'Wh',
  'kWh',
  'A',
  'V',
  '°C',
  'm',
  'km',
  'dBm',
  's',
  'Hz',
  '',
] as const;

export type StandardUnit = (typeof STANDARD_UNITS)[number];

export function isStandardUnit(unit: string): unit is StandardUnit {
  return (STANDARD_UNITS as readonly string[]).includes(unit);
}

/**
 * Other spellings, keyed in lower case. Single letters whose case carries meaning (`M` is
 * mega, `S` siemens) are absent so that they stay unknown rather than silently misread.
 */
const UNIT_ALIASES: Readonly<Record<string, StandardUnit>> = {
  percent: '%',
  w: 'W',
  watt: 'W',
  watts: 'W',
  kw: 'kW',
  wh: 'Wh',
  kwh: 'kWh',
  a: 'A',
  amp: 'A',
  amps: 'A',
  ampere: 'A',
  v: 'V',
  volt: 'V',
  volts: 'V',
  c: '°C',
  '°c': '°C',
  '° c': '°C',
  degc: '°C',
  'deg c': '°C',
  celsius: '°C',
  '℃': '°C',
  meter: 'm',
  meters: 'm',
  metre: 'm',
  metres: 'm',
  km: 'km',
  dbm: 'dBm',
  sec: 's',
  seconds: 's',
  hz: 'Hz',
};

export interface NormalisedUnit {
  /** The standard spelling, or the raw unit when it is unknown. */
  readonly unit: string;
  readonly isStandard: boolean;
}

export function normaliseUnit(raw: string): NormalisedUnit {
  const trimmed = raw.trim();
  if (isStandardUnit(trimmed)) return { unit: trimmed, isStandard: true };

  const alias = UNIT_ALIASES[trimmed.toLowerCase()];
  return alias === undefined ? { unit: raw, isStandard: false } : { unit: alias, isStandard: true };
}

/** Decimal places a value in this unit is shown with: what the quantity is read at. */
const UNIT_PRECISION: Readonly<Record<StandardUnit, number>> = {
  '%': 0,
  W: 0,
  kW: 2,
  Wh: 0,
  kWh: 2,
  A: 0,
  V: 0,
  '°C': 1,
  m: 0,
  km: 1,
  dBm: 0,
  s: 0,
  Hz: 2,
  '': 0,
};

/** For numbers in a unit we do not know: enough to show, not enough to mislead. */
export const UNKNOWN_UNIT_PRECISION = 2;

export function unitPrecision(unit: string): number {
  return isStandardUnit(unit) ? UNIT_PRECISION[unit] : UNKNOWN_UNIT_PRECISION;
}

export interface UnitBounds {
  readonly minValue?: number;
  readonly maxValue?: number;
}

/**
 * Bounds a unit implies on its own. Only `%` does: watts are signed (power flows both
 * ways) and the wire gives no min or max, so any other bound would be a guess.
 */
export function unitBounds(unit: string): UnitBounds {
  return unit === '%' ? { minValue: 0, maxValue: 100 } : {};
}
