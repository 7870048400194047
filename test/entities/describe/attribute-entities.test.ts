import { describe, expect, it } from 'vitest';

import { describeAttribute } from '../../../src/entities/describe-entity.js';
import type { EntityDescription } from '../../../src/entities/entity.js';
import { attributeState } from '../../../src/entities/entity-state.js';
import type { TibberDevice } from '../../../src/models/index.js';
import {
  chargerDetail,
  thermostatDetail,
  vehicleDetail,
} from '../../models/fixtures/wire-examples.js';
import { attributeOf, mapDevice } from './helpers.js';

function described(device: TibberDevice, id: string): EntityDescription {
  const description = describeAttribute(device, attributeOf(device, id));
  if (description === undefined) throw new Error(`no entity for ${id}`);
  return description;
}

function stateOf(device: TibberDevice, id: string): unknown {
  const attribute = attributeOf(device, id);
  return attributeState(described(device, id), attribute, true).value;
}

function deviceWithAttributes(...attributes: object[]): TibberDevice {
  return mapDevice({ ...vehicleDetail, attributes });
}

describe('attribute entities', () => {
  it('makes isOnline a connectivity binary sensor, enabled', () => {
    const vehicle = mapDevice(vehicleDetail);

    expect(described(vehicle, 'isOnline')).toStrictEqual({
      uniqueId: 'wvwzzz00000000001_isonline',
      deviceId: vehicleDetail.id,
      source: { kind: 'attribute', id: 'isOnline' },
      name: 'Online',
      platform: 'binary_sensor',
      deviceClass: 'connectivity',
      entityCategory: 'diagnostic',
      enabledByDefault: true,
    });
    expect(stateOf(vehicle, 'isOnline')).toBe(true);
  });

  it('reads IsOnline as isOnline, with the unique id the lower-case form would get', () => {
    const thermostat = mapDevice(thermostatDetail);
    const lowerCase = mapDevice({
      ...thermostatDetail,
      attributes: [{ id: 'isOnline', value: true }],
    });

    expect(described(thermostat, 'IsOnline')).toMatchObject({
      uniqueId: 'mill_th_789_isonline',
      platform: 'binary_sensor',
      deviceClass: 'connectivity',
    });
    expect(described(thermostat, 'IsOnline').uniqueId)
      .toBe(described(lowerCase, 'isOnline').uniqueId);
    expect(stateOf(thermostat, 'IsOnline')).toBe(true);
  });

  it('shows a connectivity attribute as its status', () => {
    const charger = mapDevice(chargerDetail);

    expect(described(charger, 'wifi')).toStrictEqual({
      uniqueId: 'easee_eh123456_wifi',
      deviceId: chargerDetail.id,
      source: { kind: 'attribute', id: 'wifi' },
      name: 'Wifi',
      platform: 'sensor',
      entityCategory: 'diagnostic',
      enabledByDefault: false,
    });
    expect(stateOf(charger, 'wifi')).toBe('connected');
  });

  it('shows the firmware version as a diagnostic, off by default', () => {
    const charger = mapDevice(chargerDetail);

    expect(described(charger, 'firmwareVersion')).toMatchObject({
      platform: 'sensor',
      name: 'Firmware version',
      entityCategory: 'diagnostic',
      enabledByDefault: false,
    });
    expect(described(charger, 'firmwareVersion').stateClass).toBeUndefined();
    expect(stateOf(charger, 'firmwareVersion')).toBe('2.4.1');
  });

  it.each([
    ['vinNumber', mapDevice(vehicleDetail)],
    ['serialNumber', mapDevice(chargerDetail)],
    ['VINNUMBER', deviceWithAttributes({ id: 'VINNUMBER', value: 'WVWZZZ00000000001' })],
  ])('makes no entity of the personal identifier %s', (id, device) => {
    expect(describeAttribute(device, attributeOf(device, id))).toBeUndefined();
  });

  it.each([
    ['a date-time', { id: 'lastService', value: '2026-05-01T08:00:00Z' },
      { platform: 'sensor', deviceClass: 'timestamp' }, '2026-05-01T08:00:00Z'],
    ['a number', { id: 'doorCount', value: 5 }, { platform: 'sensor' }, 5],
    ['a boolean', { id: 'isLocked', value: false }, { platform: 'binary_sensor' }, false],
    ['text', { id: 'colour', value: 'blue' }, { platform: 'sensor' }, 'blue'],
  ])('describes an unknown attribute holding %s', (_case, wire, traits, state) => {
    const device = deviceWithAttributes(wire);
    const description = described(device, wire.id);

    expect(description).toStrictEqual({
      uniqueId: `wvwzzz00000000001_${wire.id.toLowerCase()}`,
      deviceId: vehicleDetail.id,
      source: { kind: 'attribute', id: wire.id },
      name: description.name,
      entityCategory: 'diagnostic',
      enabledByDefault: false,
      ...traits,
    });
    expect(stateOf(device, wire.id)).toBe(state);
  });

  it('makes no entity of an object that is not a connectivity shape', () => {
    const device = deviceWithAttributes({ id: 'options', value: { towbar: true } });

    expect(describeAttribute(device, attributeOf(device, 'options'))).toBeUndefined();
  });

  it('keeps a null attribute value null', () => {
    const device = deviceWithAttributes({ id: 'colour', value: null });

    expect(stateOf(device, 'colour')).toBeNull();
  });

  it('makes a connectivity attribute with a blank status unknown', () => {
    const device = deviceWithAttributes({ id: 'wifi', status: ' ', ssid: 'home' });

    expect(stateOf(device, 'wifi')).toBeNull();
  });

  it('refuses a description of another attribute', () => {
    const charger = mapDevice(chargerDetail);

    expect(() => attributeState(
      described(charger, 'wifi'),
      attributeOf(charger, 'firmwareVersion'),
      true,
    )).toThrow(new TypeError(
      'the description of attribute "wifi" was given the attribute "firmwareVersion"',
    ));
  });
});
