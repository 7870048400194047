import { describe, expect, it } from 'vitest';

import {
  isRatioCapabilityId,
  mapDeviceDetail,
  normaliseUnit,
  unitBounds,
  unitPrecision,
} from '../../src/models/index.js';
import type { DeviceCapability, MappingIssue } from '../../src/models/index.js';
import { vehicleDetail } from './fixtures/wire-examples.js';
import { HOME_ID, context } from './helpers.js';

const DEVICE_ID = vehicleDetail.id;

function mapCapabilities(capabilities: readonly object[]): {
  capabilities: readonly DeviceCapability[];
  issues: readonly MappingIssue[];
} {
  const { device, issues } = mapDeviceDetail(
    { ...vehicleDetail, capabilities },
    HOME_ID,
    context(),
  );
  return { capabilities: device.capabilities, issues };
}

describe('units', () => {
  it.each([
    ['%', '%'],
    ['C', '°C'],
    ['degC', '°C'],
    ['celsius', '°C'],
    ['℃', '°C'],
    ['kwh', 'kWh'],
    ['KWH', 'kWh'],
    ['wh', 'Wh'],
    ['w', 'W'],
    ['dbm', 'dBm'],
    ['hz', 'Hz'],
    [' kW ', 'kW'],
    ['', ''],
  ])('normalises %j to %j', (raw, unit) => {
    expect(normaliseUnit(raw)).toEqual({ unit, isStandard: true });
  });

  it.each(['M', 'S', 'l/h', '°F'])('keeps %j raw as unknown', (raw) => {
    expect(normaliseUnit(raw)).toEqual({ unit: raw, isStandard: false });
  });

  it.each([
    ['%', 0],
    ['W', 0],
    ['Wh', 0],
    ['m', 0],
    ['A', 0],
    ['dBm', 0],
    ['°C', 1],
    ['kWh', 2],
    ['', 0],
    ['furlong', 2],
  ])('gives %j a precision of %i', (unit, precision) => {
    expect(unitPrecision(unit)).toBe(precision);
  });

  it('bounds only percentages', () => {
    expect([unitBounds('%'), unitBounds('W'), unitBounds('°C')]).toEqual([
      { minValue: 0, maxValue: 100 },
      {},
      {},
    ]);
  });

  it('warns about an unknown unit and keeps the capability with its raw unit', () => {
    const { capabilities, issues } = mapCapabilities([
      { id: 'storage.ratedPower', description: 'rated power', value: 3, unit: 'PS' },
    ]);
    expect(capabilities.map((c) => [c.unit, c.rawUnit, c.precision])).toEqual([['PS', 'PS', 2]]);
    expect(issues).toEqual([
      {
        kind: 'warning',
        warning: {
          code: 'unknown_unit',
          deviceId: DEVICE_ID,
          capabilityId: 'storage.ratedPower',
          rawUnit: 'PS',
        },
      },
    ]);
  });

  it('keeps "" as a unitless count', () => {
    const { capabilities, issues } = mapCapabilities([
      { id: 'grid.phaseCount', description: 'phases', value: 3, unit: '' },
    ]);
    expect(capabilities.map((c) => [c.value, c.unit, c.kind, c.precision])).toEqual([
      [3, '', 'numeric', 0],
    ]);
    expect(issues).toEqual([]);
  });

  it('keeps range in metres, as the wire sends it', () => {
    const [range] = mapCapabilities([vehicleDetail.capabilities[1] as object]).capabilities;
    expect([range?.value, range?.unit]).toEqual([356000, 'm']);
  });
});

describe('ratios sent under %', () => {
  it.each([
    'powerFlow.toGrid',
    'powerFlow.toLoad',
    'powerFlow.fromGrid',
    'powerFlow.fromLoad',
    'powerFlow.fromSolar',
    'powerFlow.toBattery',
  ])('recognises %s', (id) => {
    expect(isRatioCapabilityId(id)).toBe(true);
  });

  it.each(['powerFlow.grid.power', 'storage.stateOfCharge', 'powerFlow.total', 'x.toGrid'])(
    'does not take %s for a ratio',
    (id) => {
      expect(isRatioCapabilityId(id)).toBe(false);
    },
  );

  it('scales 0.9 to 90 % and says so', () => {
    const { capabilities } = mapCapabilities([
      { id: 'powerFlow.toGrid', description: 'to grid', value: 0.9, unit: '%' },
    ]);
    expect(capabilities[0]).toMatchObject({
      value: 90,
      unit: '%',
      minValue: 0,
      maxValue: 100,
      scaledFromRatio: true,
    });
  });

  it('scales without binary noise and leaves null alone', () => {
    const { capabilities } = mapCapabilities([
      { id: 'powerFlow.toLoad', description: 'a', value: 0.07, unit: '%' },
      { id: 'powerFlow.fromGrid', description: 'b', value: null, unit: '%' },
    ]);
    expect(capabilities.map((c) => [c.value, c.scaledFromRatio])).toEqual([
      [7, true],
      [null, true],
    ]);
  });

  it('does not scale a ratio id whose unit is not %', () => {
    const { capabilities } = mapCapabilities([
      { id: 'powerFlow.toGrid', description: 'to grid', value: 0.9, unit: '' },
    ]);
    expect(capabilities.map((c) => [c.value, c.scaledFromRatio])).toEqual([[0.9, false]]);
  });
});

describe('capability kinds and names', () => {
  it('reads kinds from the enum or the value', () => {
    const { capabilities } = mapCapabilities([
      { id: 'onOff', description: 'on/off', value: 'on', availableValues: ['on', 'off'] },
      { id: 'a.flag', description: 'flag', value: true, unit: '' },
      { id: 'a.text', description: 'text', value: 'hello', unit: '' },
      { id: 'a.number', description: 'number', value: null, unit: 'W' },
    ]);
    expect(capabilities.map((c) => [c.kind, c.precision])).toEqual([
      ['enum', 0],
      ['boolean', 0],
      ['text', 0],
      ['numeric', 0],
    ]);
  });

  it('lets the enum win when both unit and availableValues appear', () => {
    const { capabilities } = mapCapabilities([
      { id: 'onOff', description: 'x', value: 'on', unit: '', availableValues: ['on', 'off'] },
    ]);
    expect(capabilities[0]).toMatchObject({ kind: 'enum', availableValues: ['on', 'off'] });
    expect(capabilities[0] && 'unit' in capabilities[0]).toBe(false);
  });

  it('derives snake_case names and capitalised display names', () => {
    const { capabilities } = mapCapabilities([
      {
        id: 'charging.current.offlineFallback',
        description: 'offline current',
        value: 6,
        unit: 'A',
      },
      { id: 'storage.targetStateOfCharge', value: 80, unit: '%' },
    ]);
    expect(capabilities.map((c) => [c.name, c.displayName])).toEqual([
      ['charging_current_offline_fallback', 'Offline current'],
      ['storage_target_state_of_charge', 'Storage target state of charge'],
    ]);
  });

  it('suffixes a repeated description with what tells the ids apart', () => {
    const { capabilities } = mapCapabilities([
      { id: 'temp.setpoint', description: 'temperature', value: 21, unit: '°C' },
      { id: 'temp.current', description: 'temperature', value: 20, unit: '°C' },
      { id: 'temp.comfort', description: 'comfort', value: 22, unit: '°C' },
    ]);
    expect(capabilities.map((c) => c.displayName)).toEqual([
      'Temperature (setpoint)',
      'Temperature (current)',
      'Comfort',
    ]);
  });

  it('keeps names unique across capabilities and attributes', () => {
    const { device } = mapDeviceDetail(
      {
        ...vehicleDetail,
        capabilities: [{ id: 'connectivity.wifi', description: 'wifi', value: 'on', unit: '' }],
        attributes: [{ id: 'wifi', description: 'wifi', status: 'connected' }],
      },
      HOME_ID,
      context(),
    );
    expect([device.capabilities[0]?.displayName, device.attributes[0]?.displayName]).toEqual([
      'Wifi (connectivity)',
      'Wifi (wifi)',
    ]);
  });

  it('warns about an unknown capability and keeps it', () => {
    const { capabilities, issues } = mapCapabilities([
      { id: 'vehicle.doorsLocked', description: 'doors locked', value: true, unit: '' },
    ]);
    expect(capabilities.map((c) => [c.capabilityId, c.kind])).toEqual([
      ['vehicle.doorsLocked', 'boolean'],
    ]);
    expect(issues).toEqual([
      {
        kind: 'warning',
        warning: {
          code: 'unknown_capability',
          deviceId: DEVICE_ID,
          capabilityId: 'vehicle.doorsLocked',
        },
      },
    ]);
  });
});
