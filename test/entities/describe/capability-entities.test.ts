import { describe, expect, it } from 'vitest';

import { describeCapability } from '../../../src/entities/describe-entity.js';
import type { EntityDescription } from '../../../src/entities/entity.js';
import { convertUnit } from '../../../src/entities/entity-catalog.js';
import { capabilityState } from '../../../src/entities/entity-state.js';
import {
  batteryDetail,
  chargerDetail,
  thermostatDetail,
  vehicleDetail,
} from '../../models/fixtures/wire-examples.js';
import { capabilityOf, mapDevice } from './helpers.js';

type WireShape =
  | { readonly unit: string; readonly value: number | string | boolean | null }
  | { readonly availableValues: readonly string[]; readonly value: string };

const numeric = (unit: string, value: number): WireShape => ({ unit, value });
const choice = (...availableValues: string[]): WireShape => ({
  availableValues,
  value: availableValues[0] ?? '',
});

interface Expected {
  readonly platform: EntityDescription['platform'];
  readonly deviceClass: string | undefined;
  readonly unit: string | undefined;
  readonly stateClass: EntityDescription['stateClass'];
  readonly resetsEvery: EntityDescription['resetsEvery'];
  readonly entityCategory: EntityDescription['entityCategory'];
  readonly enabledByDefault: boolean;
}

const sensor = (
  deviceClass: string | undefined,
  unit: string | undefined,
  overrides: Partial<Expected> = {},
): Expected => ({
  platform: 'sensor',
  deviceClass,
  unit,
  stateClass: 'measurement',
  resetsEvery: undefined,
  entityCategory: undefined,
  enabledByDefault: true,
  ...overrides,
});
const counter = (period: NonNullable<Expected['resetsEvery']>, isEnabled: boolean): Expected =>
  sensor('energy', 'kWh', {
    stateClass: 'total',
    resetsEvery: period,
    enabledByDefault: isEnabled,
  });
const enumSensor = (overrides: Partial<Expected> = {}): Expected =>
  sensor('enum', undefined, { platform: 'enum_sensor', stateClass: undefined, ...overrides });
const diagnostic = { entityCategory: 'diagnostic', enabledByDefault: false } as const;

/** One row per capability id of tibber-data-api.md section 3, plus real energyFlow forms. */
const CATALOGUE: readonly (readonly [string, WireShape, Expected])[] = [
  ['storage.stateOfCharge', numeric('%', 74), sensor('battery', '%')],
  ['storage.targetStateOfCharge', numeric('%', 80), sensor('battery', '%')],
  ['range.remaining', numeric('m', 356000), sensor('distance', 'km')],
  ['connector.status', choice('connected', 'disconnected', 'unknown'), enumSensor()],
  ['charging.status', choice('charging', 'idle', 'unknown'), enumSensor()],
  ['charging.current.max', numeric('A', 16), sensor('current', 'A')],
  ['charging.current.offlineFallback', numeric('A', 6), sensor('current', 'A')],
  ['grid.phaseCount', numeric('', 3), sensor(undefined, undefined)],
  ['storage.availableEnergy', numeric('Wh', 7400), sensor('energy_storage', 'kWh')],
  ['storage.ratedCapacity', numeric('Wh', 10000), sensor('energy_storage', 'kWh')],
  ['storage.ratedPower', numeric('W', 4600), sensor('power', 'W')],
  ['powerFlow.battery.power', numeric('W', 800), sensor('power', 'W')],
  ['powerFlow.grid.power', numeric('W', -1200), sensor('power', 'W')],
  ['powerFlow.load.power', numeric('W', 650), sensor('power', 'W')],
  ['powerFlow.solar.power', numeric('W', 2100), sensor('power', 'W')],
  ['powerFlow.toGrid', numeric('%', 0.9), sensor(undefined, '%')],
  ['powerFlow.toLoad', numeric('%', 0.1), sensor(undefined, '%')],
  ['powerFlow.fromGrid', numeric('%', 0), sensor(undefined, '%')],
  ['powerFlow.fromLoad', numeric('%', 0.5), sensor(undefined, '%')],
  ['powerFlow.fromSolar', numeric('%', 0.07), sensor(undefined, '%')],
  ['powerFlow.toBattery', numeric('%', 1), sensor(undefined, '%')],
  ['energyFlow.hour.battery.charged', numeric('Wh', 350), counter('hour', false)],
  ['energyFlow.day.grid.imported', numeric('Wh', 4200), counter('day', true)],
  ['energyFlow.week.load.consumed', numeric('Wh', 52000), counter('week', false)],
  ['energyFlow.month.battery.source.grid', numeric('Wh', 91000), counter('month', false)],
  ['energyFlow.year.solar.produced', numeric('Wh', 3456789), counter('year', false)],
  ['cellular.rssi', numeric('dBm', -71), sensor('signal_strength', 'dBm', diagnostic)],
  ['connectivity.wifi', choice('connected', 'disconnected'), enumSensor(diagnostic)],
  ['connectivity.cellular', choice('connected', 'disconnected'), enumSensor(diagnostic)],
  ['temp.setpoint', numeric('°C', 21), sensor('temperature', '°C')],
  ['temp.current', numeric('°C', 20.4), sensor('temperature', '°C')],
  ['temp.comfort', numeric('°C', 22), sensor('temperature', '°C')],
  ['onOff', choice('on', 'off'), sensor(undefined, undefined, {
    platform: 'binary_sensor',
    stateClass: undefined,
  })],
];

/** Every row on one device, mapped as the client maps it. */
const catalogueDevice = mapDevice({
  ...batteryDetail,
  capabilities: CATALOGUE.map(([id, shape], index) => ({
    id,
    description: `capability ${index}`,
    ...shape,
  })),
});

function described(device: ReturnType<typeof mapDevice>, id: string): EntityDescription {
  return describeCapability(device, capabilityOf(device, id));
}

/** A device of the given wire capabilities: the vehicle example with other values. */
function deviceWith(...capabilities: object[]): ReturnType<typeof mapDevice> {
  return mapDevice({ ...vehicleDetail, capabilities });
}

function stateOf(device: ReturnType<typeof mapDevice>, id: string): unknown {
  const capability = capabilityOf(device, id);
  return capabilityState(describeCapability(device, capability), capability, true).value;
}

describe('the capability catalogue', () => {
  it.each(CATALOGUE)('describes %s', (id, _shape, expected) => {
    const description = described(catalogueDevice, id);

    expect({
      platform: description.platform,
      deviceClass: description.deviceClass,
      unit: description.unit,
      stateClass: description.stateClass,
      resetsEvery: description.resetsEvery,
      entityCategory: description.entityCategory,
      enabledByDefault: description.enabledByDefault,
    }).toStrictEqual(expected);
  });

  it('never makes an energyFlow counter total_increasing, and enables only the day ones', () => {
    const battery = mapDevice(batteryDetail);
    const counters = battery.capabilities
      .filter((capability) => capability.capabilityId.startsWith('energyFlow.'))
      .map((capability) => describeCapability(battery, capability));

    expect(counters).toHaveLength(70);
    for (const counter of counters) {
      const period = counter.source.id.split('.')[1];
      expect(counter).toMatchObject({ stateClass: 'total', resetsEvery: period, unit: 'kWh' });
      expect(counter.enabledByDefault).toBe(period === 'day');
    }
    expect(counters.filter((counter) => counter.enabledByDefault)).toHaveLength(14);
  });

  it.each([
    ['range.remaining', 1],
    ['storage.availableEnergy', 2],
    ['storage.ratedCapacity', 2],
    ['energyFlow.day.grid.imported', 2],
    ['temp.current', 1],
    ['storage.stateOfCharge', 0],
    ['powerFlow.grid.power', 0],
  ])('shows %s with %i decimals', (id, precision) => {
    expect(described(catalogueDevice, id).displayPrecision).toBe(precision);
  });

  it('reads vendor spellings of °C as temperatures', () => {
    const thermostat = mapDevice(thermostatDetail);

    for (const id of ['temp.setpoint', 'temp.current', 'temp.comfort']) {
      expect(described(thermostat, id)).toMatchObject({
        deviceClass: 'temperature',
        unit: '°C',
      });
    }
    expect(stateOf(thermostat, 'temp.current')).toBe(20.4);
  });
});

describe('capability states', () => {
  it('shows a 0–1 ratio as percent: 0.9 reads 90, 0.07 reads 7', () => {
    const battery = mapDevice(batteryDetail);

    expect(described(battery, 'powerFlow.toGrid').unit).toBe('%');
    expect(stateOf(battery, 'powerFlow.toGrid')).toBe(90);
    expect(stateOf(battery, 'powerFlow.fromSolar')).toBe(7);
  });

  it('shows a range of 356000 m as 356 km', () => {
    const vehicle = mapDevice(vehicleDetail);

    expect(described(vehicle, 'range.remaining').unit).toBe('km');
    expect(stateOf(vehicle, 'range.remaining')).toBe(356);
  });

  it('converts Wh to kWh without rounding or binary noise', () => {
    const device = deviceWith(
      { id: 'storage.availableEnergy', value: 1001, unit: 'Wh' },
      { id: 'storage.ratedCapacity', value: 12345.6, unit: 'Wh' },
      { id: 'energyFlow.hour.battery.charged', value: 1, unit: 'Wh' },
    );

    expect(stateOf(device, 'storage.availableEnergy')).toBe(1.001);
    expect(stateOf(device, 'storage.ratedCapacity')).toBe(12.3456);
    expect(stateOf(device, 'energyFlow.hour.battery.charged')).toBe(0.001);
  });

  it.each([
    [1001, 'Wh', 'kWh', 1.001],
    [12345.6, 'Wh', 'kWh', 12.3456],
    [1.5e22, 'Wh', 'kWh', 1.5e19],
    [2.5e-7, 'm', 'km', 2.5e-10],
    [-1.2, 'kW', 'W', -1200],
    [3, '', undefined, 3],
    [3, 'kWh', 'Wh', undefined],
  ])('converts %d %s to %s as %d', (value, from, to, converted) => {
    expect(convertUnit(value, from, to)).toBe(converted);
  });

  it('keeps a null value null and the entity available', () => {
    const charger = mapDevice(chargerDetail);
    const capability = capabilityOf(charger, 'charging.current.offlineFallback');
    const description = describeCapability(charger, capability);

    expect(capabilityState(description, capability, true)).toStrictEqual({
      uniqueId: 'easee_eh123456_charging_current_offlinefallback',
      value: null,
      available: true,
    });
  });

  it('passes availability through as given', () => {
    const vehicle = mapDevice(vehicleDetail);
    const capability = capabilityOf(vehicle, 'storage.stateOfCharge');

    const state = capabilityState(describeCapability(vehicle, capability), capability, false);

    expect(state).toStrictEqual({
      uniqueId: 'wvwzzz00000000001_storage_stateofcharge',
      value: 74,
      available: false,
    });
  });

  it('gives an enum its options and its value', () => {
    const charger = mapDevice(chargerDetail);

    expect(described(charger, 'connector.status').options)
      .toStrictEqual(['connected', 'disconnected', 'unknown']);
    expect(stateOf(charger, 'charging.status')).toBe('charging');
  });

  it('makes an enum value outside its options unknown', () => {
    const device = deviceWith({
      id: 'charging.status',
      value: 'paused',
      availableValues: ['charging', 'idle', 'unknown'],
    });

    expect(stateOf(device, 'charging.status')).toBeNull();
  });

  it.each([
    ['on', true],
    ['off', false],
  ])('reads onOff %s as %s', (value, state) => {
    const device = deviceWith({ id: 'onOff', value, availableValues: ['on', 'off'] });

    expect(stateOf(device, 'onOff')).toBe(state);
  });

  it.each([
    ['a boolean', { value: false, unit: '' }, false],
    ['text', { value: 'ON', unit: '' }, true],
    ['text it does not know', { value: 'auto', unit: '' }, null],
  ])('reads onOff sent as %s as a binary sensor', (_shape, wire, state) => {
    const device = deviceWith({ id: 'onOff', ...wire });

    expect(described(device, 'onOff').platform).toBe('binary_sensor');
    expect(stateOf(device, 'onOff')).toBe(state);
  });

  it('keeps onOff an enum when it has a third value', () => {
    const device = deviceWith({
      id: 'onOff',
      value: 'auto',
      availableValues: ['on', 'off', 'auto'],
    });

    expect(described(device, 'onOff')).toMatchObject({
      platform: 'enum_sensor',
      options: ['on', 'off', 'auto'],
    });
    expect(stateOf(device, 'onOff')).toBe('auto');
  });
});

describe('capabilities the catalogue does not expect', () => {
  it.each([
    [
      'a number in a standard unit',
      { id: 'grid.voltage', value: 231.4, unit: 'V' },
      { platform: 'sensor', unit: 'V', displayPrecision: 0, stateClass: 'measurement' },
      231.4,
    ],
    [
      'a number in an unknown unit, unit kept',
      { id: 'heating.flow', value: 1.25, unit: 'l/h' },
      { platform: 'sensor', unit: 'l/h', displayPrecision: 2, stateClass: 'measurement' },
      1.25,
    ],
    [
      'a unitless number',
      { id: 'charging.sessions', value: 12, unit: '' },
      { platform: 'sensor', displayPrecision: 0, stateClass: 'measurement' },
      12,
    ],
    [
      'an enum',
      { id: 'heating.mode', value: 'eco', availableValues: ['eco', 'boost'] },
      { platform: 'enum_sensor', deviceClass: 'enum', options: ['eco', 'boost'] },
      'eco',
    ],
    [
      'text',
      { id: 'vehicle.note', value: 'parked', unit: '' },
      { platform: 'sensor' },
      'parked',
    ],
    [
      'a boolean',
      { id: 'charging.isLocked', value: true, unit: '' },
      { platform: 'binary_sensor' },
      true,
    ],
  ])('describes %s by its shape alone', (_case, wire, traits, state) => {
    const device = deviceWith(wire);
    const description = described(device, wire.id);

    expect(description).toStrictEqual({
      uniqueId: `wvwzzz00000000001_${wire.id.toLowerCase().replace('.', '_')}`,
      deviceId: vehicleDetail.id,
      source: { kind: 'capability', id: wire.id },
      name: description.name,
      enabledByDefault: true,
      ...traits,
    });
    expect(stateOf(device, wire.id)).toBe(state);
  });

  it('makes an unknown radio value a diagnostic, off by default', () => {
    const device = deviceWith({
      id: 'connectivity.lte',
      value: 'connected',
      availableValues: ['connected', 'disconnected'],
    });

    expect(described(device, 'connectivity.lte')).toMatchObject({
      platform: 'enum_sensor',
      entityCategory: 'diagnostic',
      enabledByDefault: false,
    });
  });

  it('keeps a known id in a unit it cannot convert as sent, without a device class', () => {
    const device = deviceWith({ id: 'range.remaining', value: 221.2, unit: 'mi' });
    const description = described(device, 'range.remaining');

    expect(description).toMatchObject({ unit: 'mi', stateClass: 'measurement' });
    expect(description.deviceClass).toBeUndefined();
    expect(stateOf(device, 'range.remaining')).toBe(221.2);
  });

  it('keeps a counter a counter in an unknown unit', () => {
    const device = deviceWith({ id: 'energyFlow.day.grid.imported', value: 4.2, unit: 'MJ' });
    const description = described(device, 'energyFlow.day.grid.imported');

    expect(description).toMatchObject({ unit: 'MJ', stateClass: 'total', resetsEvery: 'day' });
    expect(description.deviceClass).toBeUndefined();
  });

  it('takes a known id already in the entity unit as it is, and converts kW to W', () => {
    const device = deviceWith(
      { id: 'storage.availableEnergy', value: 7.4, unit: 'kWh' },
      { id: 'range.remaining', value: 356, unit: 'km' },
      { id: 'powerFlow.grid.power', value: -1.2, unit: 'kW' },
    );

    expect(stateOf(device, 'storage.availableEnergy')).toBe(7.4);
    expect(stateOf(device, 'range.remaining')).toBe(356);
    expect(described(device, 'powerFlow.grid.power')).toMatchObject({
      deviceClass: 'power',
      unit: 'W',
    });
    expect(stateOf(device, 'powerFlow.grid.power')).toBe(-1200);
  });

  it('gives a known enum sent as text the text default', () => {
    const device = deviceWith({ id: 'connector.status', value: 'connected', unit: '' });

    expect(described(device, 'connector.status').platform).toBe('sensor');
    expect(stateOf(device, 'connector.status')).toBe('connected');
  });

  it('reads a new energyFlow flow as a counter of its period', () => {
    const device = deviceWith({ id: 'energyFlow.week.ev.source.solar', value: 2500, unit: 'Wh' });

    expect(described(device, 'energyFlow.week.ev.source.solar')).toMatchObject({
      deviceClass: 'energy',
      stateClass: 'total',
      resetsEvery: 'week',
      enabledByDefault: false,
    });
    expect(stateOf(device, 'energyFlow.week.ev.source.solar')).toBe(2.5);
  });
});

describe('capability states given the wrong item', () => {
  it('refuses a description of another capability', () => {
    const vehicle = mapDevice(vehicleDetail);
    const description = described(vehicle, 'storage.stateOfCharge');

    expect(() => capabilityState(description, capabilityOf(vehicle, 'range.remaining'), true))
      .toThrow(new TypeError(
        'the description of capability "storage.stateOfCharge" was given the ' +
          'capability "range.remaining"',
      ));
  });

  it('refuses a capability of another device', () => {
    const vehicle = mapDevice(vehicleDetail);
    const charger = mapDevice(chargerDetail);

    expect(() => describeCapability(vehicle, capabilityOf(charger, 'charging.status')))
      .toThrow(new TypeError('"charging.status" belongs to another device than the one given'));
  });
});
