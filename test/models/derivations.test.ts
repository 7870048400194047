import { describe, expect, it } from 'vitest';

import {
  GENERIC_DEVICE_NAME,
  deriveDeviceName,
  deriveHomeDisplayName,
  deriveLastUpdatedMs,
  deriveManufacturer,
  deriveModel,
  humaniseId,
  inferDeviceType,
  isPlaceholderName,
  toSnakeCase,
  uniqueDisplayNames,
} from '../../src/models/index.js';
import { NOW_MS, context } from './helpers.js';

describe('home display name', () => {
  it.each([
    [{ id: 'abc', name: 'Cabin' }, 'Cabin'],
    [{ id: 'abc', info: { name: ' Main house ' } }, 'Main house'],
    [{ id: 'abc', name: 'Root', info: { name: 'Info' } }, 'Root'],
    [{ id: 'abc', name: ' ', info: { name: 'Info' } }, 'Info'],
    [{ id: '7ea61717-e440-4067-94f3-b4d59110d259' }, 'Home 7ea61717'],
    [{ id: '' }, 'Home'],
  ])('derives %j → %j', (home, expected) => {
    expect(deriveHomeDisplayName(home)).toBe(expected);
  });
});

describe('device names', () => {
  it.each(['<no name>', '<No Name>', 'No name', 'NO NAME', 'noname', 'no_name', '', '   ', null])(
    'treats %j as a placeholder',
    (name) => {
      expect(isPlaceholderName(name)).toBe(true);
    },
  );

  it.each(['Nora', 'Nameless wonder', 'No names here'])('keeps %j as a real name', (name) => {
    expect(isPlaceholderName(name)).toBe(false);
  });

  it.each([
    [{ name: 'Family car', brand: 'Volkswagen', model: 'ID.4' }, 'Family car'],
    [{ name: '<no name>', brand: 'Volkswagen', model: 'ID.4' }, 'Volkswagen ID.4'],
    [{ name: 'No name', brand: 'Easee' }, 'Easee'],
    [{ name: '', model: 'Pulse' }, 'Pulse'],
    [{ name: null, brand: ' ', model: null }, GENERIC_DEVICE_NAME],
  ])('derives %j → %j', (info, expected) => {
    expect(deriveDeviceName(info)).toBe(expected);
  });

  it('takes manufacturer from brand and never crashes on a missing model', () => {
    expect([deriveManufacturer({ brand: 'Easee' }), deriveManufacturer({})]).toEqual([
      'Easee',
      'Unknown',
    ]);
    expect([deriveModel({ model: 'ID.4' }), deriveModel({}), deriveModel({ model: ' ' })]).toEqual(
      ['ID.4', undefined, undefined],
    );
  });
});

describe('device type inference', () => {
  it.each([
    [['range.remaining', 'storage.stateOfCharge', 'charging.status'], 'ev'],
    [['charging.current.max', 'charging.status'], 'charger'],
    [['temp.setpoint', 'onOff'], 'thermostat'],
    [['storage.stateOfCharge', 'powerFlow.grid.power'], 'battery'],
    [['storage.ratedCapacity', 'energyFlow.day.grid.imported'], 'battery'],
    [['powerFlow.solar.power'], 'inverter'],
    [['powerFlow.fromSolar', 'powerFlow.grid.power'], 'inverter'],
    [['energyFlow.day.solar.produced'], 'inverter'],
    [['powerFlow.grid.power'], 'unknown'],
    [['storage.stateOfCharge'], 'unknown'],
    [['onOff'], 'unknown'],
    [[], 'unknown'],
  ])('infers %j → %s', (ids, expected) => {
    expect(inferDeviceType(ids)).toBe(expected);
  });
});

describe('id words', () => {
  it.each([
    ['storage.stateOfCharge', 'storage_state_of_charge', 'Storage state of charge'],
    ['powerFlow.toGrid', 'power_flow_to_grid', 'Power flow to grid'],
    ['connectivity.ipAddress', 'connectivity_ip_address', 'Connectivity ip address'],
    ['IPAddress', 'ip_address', 'Ip address'],
    ['onOff', 'on_off', 'On off'],
  ])('%s → %s, %s', (id, snake, human) => {
    expect([toSnakeCase(id), humaniseId(id)]).toEqual([snake, human]);
  });
});

describe('unique display names', () => {
  it('suffixes every member of a repeated group with its distinguishing id segments', () => {
    expect(
      uniqueDisplayNames([
        { id: 'energyFlow.hour.grid.imported', baseName: 'Imported' },
        { id: 'energyFlow.day.grid.imported', baseName: 'imported' },
        { id: 'grid.phaseCount', baseName: 'Phase count' },
      ]),
    ).toEqual(['Imported (hour)', 'imported (day)', 'Phase count']);
  });

  it('falls back to the id, then a counter, when suffixes still collide', () => {
    expect(
      uniqueDisplayNames([
        { id: 'a.b', baseName: 'X' },
        { id: 'b.a', baseName: 'X' },
        { id: 'a.b', baseName: 'X' },
      ]),
    ).toEqual(['X (a.b)', 'X (b.a)', 'X (a.b) 2']);
  });
});

describe('lastUpdated', () => {
  const ctx = context({ futureToleranceMs: 60_000 });

  it.each([
    ['no lastSeen → now', undefined, NOW_MS],
    ['a past lastSeen as is', NOW_MS - 3_600_000, NOW_MS - 3_600_000],
    ['skew within tolerance clamped to now', NOW_MS + 60_000, NOW_MS],
    ['beyond tolerance kept, for the rule to reject', NOW_MS + 60_001, NOW_MS + 60_001],
  ])('%s', (_name, lastSeenMs, expected) => {
    expect(deriveLastUpdatedMs(lastSeenMs, ctx)).toBe(expected);
  });
});
