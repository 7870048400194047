import { describe, expect, it } from 'vitest';

import { DataValidationError } from '../../src/shared/errors.js';
import {
  VALIDATION_RULES,
  checkDevice,
  checkHome,
  mapDeviceDetail,
  mapDeviceList,
  mapHomes,
} from '../../src/models/index.js';
import type { DeviceType, TibberHome } from '../../src/models/index.js';
import {
  chargerSummary,
  homeWithInfoName,
  homeWithRootName,
  vehicleDetail,
  vehicleSummary,
} from './fixtures/wire-examples.js';
import { HOME_ID, NOW_MS, context, onlyRejection, rejections } from './helpers.js';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function summaryOf(error: unknown): { errorClass: string; itemKind: string; itemId: string;
  rule: string; } {
  expect(error).toBeInstanceOf(DataValidationError);
  const { itemKind, itemId, rule } = error as DataValidationError;
  return { errorClass: 'DataValidationError', itemKind, itemId, rule };
}

const validHome: TibberHome = {
  homeId: HOME_ID,
  displayName: 'Cabin',
  timeZone: 'Europe/Oslo',
  devices: [],
};

it('names the rules with stable strings', () => {
  expect(VALIDATION_RULES).toEqual([
    'home_id_uuid',
    'home_id_unique',
    'home_display_name_non_empty',
    'home_time_zone_iana',
    'device_id_non_empty',
    'device_id_unique',
    'device_home_exists',
    'device_type_enumeration',
    'device_last_seen_iso8601',
    'capability_id_unique',
    'capability_value_within_bounds',
    'attribute_id_unique',
    'attribute_value_matches_data_type',
    'last_updated_not_future',
    'history_time_iso8601',
  ]);
});

describe('home rules', () => {
  it('home_id_uuid: rejects a home whose id is not a UUID', () => {
    const body = { homes: [homeWithRootName, { id: 'home-1', name: 'X' }] };
    const { items, issues } = mapHomes(body, context());
    expect(items).toHaveLength(1);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'home', itemRef: 'home-1', errorClass: 'DataValidationError', rule: 'home_id_uuid',
    });
  });

  it('home_id_unique: keeps the first of two homes with one id', () => {
    const body = { homes: [homeWithRootName, { ...homeWithRootName, name: 'Again' }] };
    const { items, issues } = mapHomes(body, context());
    expect(items.map((home) => home.displayName)).toEqual(['Cabin']);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'home',
      itemRef: homeWithRootName.id,
      errorClass: 'DataValidationError',
      rule: 'home_id_unique',
    });
  });

  it('home_display_name_non_empty: mapping never produces one; the check refuses one', () => {
    const body = { homes: [{ id: homeWithInfoName.id, name: '', info: { name: ' ' } }] };
    expect(mapHomes(body, context()).items[0]?.displayName).toBe('Home 0b3c8f52');
    const blank = { ...validHome, displayName: ' ' };
    expect(summaryOf(thrownBy(() => { checkHome(blank); }))).toEqual({
      errorClass: 'DataValidationError',
      itemKind: 'home',
      itemId: HOME_ID,
      rule: 'home_display_name_non_empty',
    });
  });

  it('home_time_zone_iana: rejects a home whose zone is not IANA', () => {
    const body = { homes: [{ ...homeWithRootName, timeZone: 'Mars/Olympus' }, homeWithInfoName] };
    const { items, issues } = mapHomes(body, context());
    expect(items.map((home) => home.homeId)).toEqual([homeWithInfoName.id]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'home',
      itemRef: homeWithRootName.id,
      errorClass: 'DataValidationError',
      rule: 'home_time_zone_iana',
    });
  });

  it('accepts a valid home', () => {
    expect(() => { checkHome(validHome); }).not.toThrow();
  });
});

describe('device rules', () => {
  it('device_id_non_empty: rejects an empty id, naming the device by its index', () => {
    const body = { devices: [vehicleSummary, { ...chargerSummary, id: '  ' }] };
    const { items, issues } = mapDeviceList(body, HOME_ID, context());
    expect(items).toHaveLength(1);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'device',
      itemRef: 'devices[1]',
      errorClass: 'DataValidationError',
      rule: 'device_id_non_empty',
    });
  });

  it('accepts an opaque base64url id: device ids are not UUIDs', () => {
    const { items, issues } = mapDeviceList({ devices: [vehicleSummary] }, HOME_ID, context());
    expect([items[0]?.deviceId, issues]).toEqual(['dm9sa3N3YWdlbiB2ZWhpY2xlOjEyMw', []]);
  });

  it('device_home_exists: rejects devices of a home that is not known', () => {
    const ctx = context({ knownHomeIds: new Set([homeWithInfoName.id]) });
    const { items, issues } = mapDeviceList({ devices: [vehicleSummary] }, HOME_ID, ctx);
    expect(items).toEqual([]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'device',
      itemRef: vehicleSummary.id,
      errorClass: 'DataValidationError',
      rule: 'device_home_exists',
    });
    expect(summaryOf(thrownBy(() => mapDeviceDetail(vehicleDetail, HOME_ID, ctx)))).toEqual({
      errorClass: 'DataValidationError',
      itemKind: 'device',
      itemId: vehicleDetail.id,
      rule: 'device_home_exists',
    });
  });

  it('device_home_exists: accepts a device of a known home', () => {
    const ctx = context({ knownHomeIds: new Set([HOME_ID]) });
    expect(mapDeviceList({ devices: [vehicleSummary] }, HOME_ID, ctx).items).toHaveLength(1);
  });

  it('device_type_enumeration: rejects a type outside the enumeration', () => {
    const hints = new Map([[vehicleSummary.id, 'toaster' as DeviceType]]);
    const { issues } = mapDeviceList({ devices: [vehicleSummary] }, HOME_ID, context({
      deviceTypeHints: hints,
    }));
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'device',
      itemRef: vehicleSummary.id,
      errorClass: 'DataValidationError',
      rule: 'device_type_enumeration',
    });
    const device = { deviceId: 'x', homeId: HOME_ID, deviceType: 'car' as DeviceType };
    expect(summaryOf(thrownBy(() => { checkDevice(device, {}); }))).toMatchObject({
      rule: 'device_type_enumeration',
    });
  });

  it('device_last_seen_iso8601: rejects a device whose lastSeen is not ISO 8601', () => {
    const body = { ...vehicleDetail, status: { lastSeen: 'yesterday at ten' } };
    expect(summaryOf(thrownBy(() => mapDeviceDetail(body, HOME_ID, context())))).toEqual({
      errorClass: 'DataValidationError',
      itemKind: 'device',
      itemId: vehicleDetail.id,
      rule: 'device_last_seen_iso8601',
    });
  });

  it('device_last_seen_iso8601: normalises a valid lastSeen with an offset to UTC', () => {
    const body = { ...vehicleDetail, status: { lastSeen: '2026-08-21T12:00:00+02:00' } };
    expect(mapDeviceDetail(body, HOME_ID, context()).device.lastSeen).toBe(
      '2026-08-21T10:00:00.000Z',
    );
  });
});

describe('capability and attribute rules', () => {
  it('capability_id_unique: keeps the first of two capabilities with one id', () => {
    const [soc] = vehicleDetail.capabilities;
    const body = { ...vehicleDetail, capabilities: [soc, { ...soc, value: 12 }] };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(device.capabilities.map((c) => c.value)).toEqual([74]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'capability',
      itemRef: 'storage.stateOfCharge',
      errorClass: 'DataValidationError',
      rule: 'capability_id_unique',
    });
  });

  it.each([
    ['a percentage above 100', { id: 'storage.stateOfCharge', value: 101, unit: '%' }],
    ['a negative percentage', { id: 'storage.stateOfCharge', value: -1, unit: '%' }],
    ['a ratio above 1', { id: 'powerFlow.toGrid', value: 1.5, unit: '%' }],
  ])('capability_value_within_bounds: rejects %s', (_name, capability) => {
    const body = { ...vehicleDetail, capabilities: [capability] };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(device.capabilities).toEqual([]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'capability',
      itemRef: capability.id,
      errorClass: 'DataValidationError',
      rule: 'capability_value_within_bounds',
    });
  });

  it('capability_value_within_bounds: accepts both ends and values without bounds', () => {
    const body = {
      ...vehicleDetail,
      capabilities: [
        { id: 'storage.stateOfCharge', value: 0, unit: '%' },
        { id: 'storage.targetStateOfCharge', value: 100, unit: '%' },
        { id: 'powerFlow.grid.power', value: -99999, unit: 'W' },
      ],
    };
    expect(mapDeviceDetail(body, HOME_ID, context()).issues).toEqual([]);
  });

  it('attribute_id_unique: keeps the first of two attributes with one id', () => {
    const body = {
      ...vehicleDetail,
      attributes: [{ id: 'isOnline', value: true }, { id: 'isOnline', value: false }],
    };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(device.attributes.map((a) => a.value)).toEqual([true]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'attribute',
      itemRef: 'isOnline',
      errorClass: 'DataValidationError',
      rule: 'attribute_id_unique',
    });
  });

  it.each([
    ['isOnline', 'yes'],
    ['ISONLINE', 1],
    ['vinNumber', 12345],
    ['serialNumber', { a: 1 }],
    ['firmwareVersion', 2],
  ])('attribute_value_matches_data_type: rejects %s = %j', (id, value) => {
    const body = { ...vehicleDetail, attributes: [{ id, value }] };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(device.attributes).toEqual([]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'attribute',
      itemRef: id,
      errorClass: 'DataValidationError',
      rule: 'attribute_value_matches_data_type',
    });
  });

  it('attribute_value_matches_data_type: keeps a VIN out of the message', () => {
    const body = { ...vehicleDetail, attributes: [{ id: 'vinNumber', value: 1234567 }] };
    const [issue] = mapDeviceDetail(body, HOME_ID, context()).issues;
    expect(issue?.kind === 'rejected' && issue.error.message).toBe(
      'attribute "vinNumber" breaks rule attribute_value_matches_data_type: ' +
        'a number value does not match data type string',
    );
  });

  it('last_updated_not_future: rejects every value of a device seen beyond the tolerance', () => {
    const body = { ...vehicleDetail, status: { lastSeen: '2026-08-21T10:10:01Z' } };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect([device.capabilities, device.attributes]).toEqual([[], []]);
    const found = rejections(issues);
    expect(found.map((issue) => [issue.itemRef, issue.error instanceof DataValidationError &&
      issue.error.rule])).toEqual([
      ['storage.stateOfCharge', 'last_updated_not_future'],
      ['range.remaining', 'last_updated_not_future'],
      ['charging.status', 'last_updated_not_future'],
      ['vinNumber', 'last_updated_not_future'],
      ['isOnline', 'last_updated_not_future'],
    ]);
  });

  it('last_updated_not_future: clamps skew within the tolerance to now', () => {
    const body = { ...vehicleDetail, status: { lastSeen: '2026-08-21T10:10:00Z' } };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(issues).toEqual([]);
    expect(device.lastSeen).toBe('2026-08-21T10:10:00.000Z');
    expect(device.capabilities[0]?.lastUpdated).toBe(new Date(NOW_MS).toISOString());
  });
});
