import { describe, expect, it } from 'vitest';

import { ResponseValidationError } from '../../src/shared/errors.js';
import { mapDeviceDetail } from '../../src/models/index.js';
import {
  batteryDetail,
  chargerDetail,
  thermostatDetail,
  vehicleDetail,
} from './fixtures/wire-examples.js';
import { HOME_ID, context, onlyRejection } from './helpers.js';

const SEEN = '2026-08-21T10:00:00.000Z';
const VEHICLE_ID = vehicleDetail.id;

describe('mapDeviceDetail on the documented vehicle', () => {
  it('maps every field', () => {
    expect(mapDeviceDetail(vehicleDetail, HOME_ID, context())).toStrictEqual({
      device: {
        deviceId: VEHICLE_ID,
        externalId: 'WVWZZZ00000000001',
        deviceType: 'ev',
        manufacturer: 'Volkswagen',
        model: 'ID.4',
        name: 'Family car',
        homeId: HOME_ID,
        lastSeen: SEEN,
        historyResolutions: [],
        capabilities: [
          {
            capabilityId: 'storage.stateOfCharge',
            deviceId: VEHICLE_ID,
            name: 'storage_state_of_charge',
            displayName: 'State of charge',
            value: 74,
            kind: 'numeric',
            unit: '%',
            rawUnit: '%',
            minValue: 0,
            maxValue: 100,
            precision: 0,
            lastUpdated: SEEN,
            isDiagnostic: false,
            scaledFromRatio: false,
          },
          {
            capabilityId: 'range.remaining',
            deviceId: VEHICLE_ID,
            name: 'range_remaining',
            displayName: 'Estimated remaining driving range',
            value: 356000,
            kind: 'numeric',
            unit: 'm',
            rawUnit: 'm',
            precision: 0,
            lastUpdated: SEEN,
            isDiagnostic: false,
            scaledFromRatio: false,
          },
          {
            capabilityId: 'charging.status',
            deviceId: VEHICLE_ID,
            name: 'charging_status',
            displayName: 'Vehicle charging status',
            value: 'idle',
            kind: 'enum',
            availableValues: ['charging', 'idle', 'unknown'],
            precision: 0,
            lastUpdated: SEEN,
            isDiagnostic: false,
            scaledFromRatio: false,
          },
        ],
        attributes: [
          {
            attributeId: 'vinNumber',
            deviceId: VEHICLE_ID,
            name: 'vin_number',
            displayName: 'VIN',
            value: 'WVWZZZ00000000001',
            dataType: 'string',
            lastUpdated: SEEN,
            isDiagnostic: true,
          },
          {
            attributeId: 'isOnline',
            deviceId: VEHICLE_ID,
            name: 'is_online',
            displayName: 'Online',
            value: true,
            dataType: 'boolean',
            lastUpdated: SEEN,
            isDiagnostic: true,
          },
        ],
        onlineStatus: 'online',
      },
      issues: [],
    });
  });

  it('returns a deeply frozen device', () => {
    const { device } = mapDeviceDetail(vehicleDetail, HOME_ID, context());
    expect(Object.isFrozen(device)).toBe(true);
    expect(Object.isFrozen(device.capabilities[2]?.availableValues)).toBe(true);
    expect(Object.isFrozen(device.attributes[0])).toBe(true);
  });

  it('neither freezes nor changes the payload it was given', () => {
    const body = structuredClone(vehicleDetail);
    mapDeviceDetail(body, HOME_ID, context());
    expect(body).toStrictEqual(vehicleDetail);
    expect(Object.isFrozen(body.capabilities[2]?.availableValues)).toBe(false);
  });

  it('compares by value: two mappings of one payload are equal', () => {
    const first = mapDeviceDetail(vehicleDetail, HOME_ID, context());
    const second = mapDeviceDetail(structuredClone(vehicleDetail), HOME_ID, context());
    expect(second).toStrictEqual(first);
  });

  it('ignores unknown fields at every level', () => {
    const noisy = {
      ...vehicleDetail,
      category: 'car',
      info: { ...vehicleDetail.info, year: 2024 },
      status: { ...vehicleDetail.status, battery: { health: 'ok' } },
      capabilities: vehicleDetail.capabilities.map((c) => ({ ...c, updatedBy: 'vendor' })),
      attributes: vehicleDetail.attributes.map((a) => ({ ...a, source: 'oem' })),
    };
    expect(mapDeviceDetail(noisy, HOME_ID, context())).toStrictEqual(
      mapDeviceDetail(vehicleDetail, HOME_ID, context()),
    );
  });
});

describe('mapDeviceDetail on the other device kinds', () => {
  it('maps a charger: placeholder name, no model, null value, "" unit, connectivity', () => {
    const { device, issues } = mapDeviceDetail(chargerDetail, HOME_ID, context());

    expect(issues).toEqual([]);
    expect(device.deviceType).toBe('charger');
    expect(device.name).toBe('Easee');
    expect('model' in device).toBe(false);
    expect(device.capabilities.map((c) => [c.capabilityId, c.value, c.unit, c.kind])).toEqual([
      ['charging.current.max', 16, 'A', 'numeric'],
      ['charging.current.offlineFallback', null, 'A', 'numeric'],
      ['grid.phaseCount', 3, '', 'numeric'],
      ['connector.status', 'connected', undefined, 'enum'],
      ['charging.status', 'charging', undefined, 'enum'],
    ]);
    expect(device.attributes[2]).toStrictEqual({
      attributeId: 'wifi',
      deviceId: chargerDetail.id,
      name: 'wifi',
      displayName: 'Wifi',
      value: { status: 'connected', ssid: 'home', ipAddress: '10.0.0.7' },
      dataType: 'object',
      lastUpdated: '2026-08-21T07:30:00.000Z',
      isDiagnostic: true,
    });
    expect(device.onlineStatus).toBe('online');
  });

  it('maps a thermostat with vendor spellings of °C', () => {
    const { device, issues } = mapDeviceDetail(thermostatDetail, HOME_ID, context());

    expect(issues).toEqual([]);
    expect(device.deviceType).toBe('thermostat');
    expect(device.name).toBe('Mill Oil heater');
    expect(device.capabilities.map((c) => [c.rawUnit, c.unit, c.precision])).toEqual([
      ['°C', '°C', 1],
      ['C', '°C', 1],
      ['degC', '°C', 1],
      [undefined, undefined, 0],
    ]);
    expect(device.attributes[0]?.displayName).toBe('Online');
  });

  it('maps a battery with about seventy energy counters, all kept and uniquely named', () => {
    const { device, issues } = mapDeviceDetail(batteryDetail, HOME_ID, context());
    const counters = device.capabilities.filter((c) => c.capabilityId.startsWith('energyFlow.'));

    expect(issues).toEqual([]);
    expect(device.deviceType).toBe('battery');
    expect(counters).toHaveLength(70);
    expect(new Set(device.capabilities.map((c) => c.displayName)).size).toBe(77);
    expect(counters.every((c) => c.unit === 'Wh' && c.kind === 'numeric')).toBe(true);
    expect(counters.slice(0, 2).map((c) => c.displayName)).toEqual([
      'Battery charged (hour)',
      'Battery discharged (hour)',
    ]);
    expect(counters[14]?.displayName).toBe('Battery charged (day)');
  });

  it('scales the battery ratios and marks diagnostics', () => {
    const { device } = mapDeviceDetail(batteryDetail, HOME_ID, context());
    const byId = new Map(device.capabilities.map((c) => [c.capabilityId, c]));

    expect(byId.get('powerFlow.toGrid')?.value).toBe(90);
    expect(byId.get('powerFlow.fromSolar')?.value).toBe(7);
    expect(byId.get('powerFlow.grid.power')?.value).toBe(-1200);
    expect(byId.get('cellular.rssi')?.isDiagnostic).toBe(true);
    expect(byId.get('connectivity.wifi')?.isDiagnostic).toBe(true);
    expect(byId.get('storage.stateOfCharge')?.isDiagnostic).toBe(false);
  });
});

describe('mapDeviceDetail quirks', () => {
  it('maps a detail without capabilities or attributes as an unknown device', () => {
    const bare = { ...vehicleDetail, capabilities: undefined, attributes: null };
    const { device } = mapDeviceDetail(bare, HOME_ID, context());
    expect([device.deviceType, device.capabilities, device.attributes]).toEqual([
      'unknown',
      [],
      [],
    ]);
  });

  it('without status derives lastUpdated from now and omits lastSeen', () => {
    const noStatus = { ...vehicleDetail, status: undefined };
    const { device } = mapDeviceDetail(noStatus, HOME_ID, context());
    expect('lastSeen' in device).toBe(false);
    expect(device.capabilities[0]?.lastUpdated).toBe('2026-08-21T10:05:00.000Z');
  });

  it('rejects one bad capability of three and keeps the other two', () => {
    const [soc, range, charging] = vehicleDetail.capabilities;
    const body = {
      ...vehicleDetail,
      capabilities: [soc, { ...range, value: [356000] }, charging],
    };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());

    expect(device.capabilities.map((c) => c.capabilityId)).toEqual([
      'storage.stateOfCharge',
      'charging.status',
    ]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'capability',
      itemRef: 'range.remaining',
      errorClass: 'ResponseValidationError',
      rule: 'invalid_union',
    });
    expect(issues[0]?.kind === 'rejected' && issues[0].deviceId).toBe(VEHICLE_ID);
  });

  it('names an id-less bad attribute by its index', () => {
    const body = { ...vehicleDetail, attributes: [...vehicleDetail.attributes, { value: 1 }] };
    const { device, issues } = mapDeviceDetail(body, HOME_ID, context());

    expect(device.attributes).toHaveLength(2);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'attribute',
      itemRef: 'attributes[2]',
      errorClass: 'ResponseValidationError',
      rule: 'invalid_type',
    });
  });

  it.each([
    ['an array', []],
    ['a device without an id', { ...vehicleDetail, id: undefined }],
    ['capabilities that are not a list', { ...vehicleDetail, capabilities: {} }],
  ])('throws a ResponseValidationError for %s', (_name, body) => {
    expect(() => mapDeviceDetail(body, HOME_ID, context())).toThrow(ResponseValidationError);
  });
});
