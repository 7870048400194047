import { describe, expect, it } from 'vitest';

import {
  inferDataType,
  knownAttribute,
  mapDeviceDetail,
  valueMatchesDataType,
} from '../../src/models/index.js';
import type { DeviceAttribute, MappingIssue } from '../../src/models/index.js';
import { vehicleDetail } from './fixtures/wire-examples.js';
import { HOME_ID, context } from './helpers.js';

function mapAttributes(attributes: readonly object[]): {
  attributes: readonly DeviceAttribute[];
  issues: readonly MappingIssue[];
} {
  const { device, issues } = mapDeviceDetail({ ...vehicleDetail, attributes }, HOME_ID, context());
  return { attributes: device.attributes, issues };
}

describe('attribute data types', () => {
  it.each([
    ['text', 'string'],
    ['2026-08-21T10:00:00Z', 'datetime'],
    ['2026-08-21', 'string'],
    [3.5, 'number'],
    [false, 'boolean'],
    [{ a: 1 }, 'object'],
    [[1, 2], 'object'],
    [null, 'string'],
  ] as const)('infers %j as %s', (value, dataType) => {
    expect(inferDataType(value)).toBe(dataType);
  });

  it.each([
    ['string', 'x', true],
    ['string', 1, false],
    ['number', 1, true],
    ['number', '1', false],
    ['boolean', true, true],
    ['boolean', 'true', false],
    ['datetime', '2026-08-21T10:00:00Z', true],
    ['datetime', 'yesterday', false],
    ['object', { a: 1 }, true],
    ['object', 'x', false],
    ['boolean', null, true],
  ] as const)('a %s attribute accepts %j: %s', (dataType, value, expected) => {
    expect(valueMatchesDataType(value, dataType)).toBe(expected);
  });

  it('keeps a null value as null, not as an empty connectivity shape', () => {
    const { attributes, issues } = mapAttributes([{ id: 'isOnline', value: null }]);

    expect(issues).toEqual([]);
    expect(attributes[0]).toMatchObject({
      attributeId: 'isOnline',
      value: null,
      dataType: 'boolean',
    });
  });

  it('knows isOnline whatever its case', () => {
    expect([knownAttribute('isOnline'), knownAttribute('ISONLINE')]).toEqual([
      { dataType: 'boolean', displayName: 'Online', isDiagnostic: true },
      { dataType: 'boolean', displayName: 'Online', isDiagnostic: true },
    ]);
  });
});

describe('attribute mapping', () => {
  it('maps known attributes as diagnostics with their fixed types', () => {
    const { attributes } = mapAttributes([
      { id: 'vinNumber', value: 'WVWZZZ00000000001' },
      { id: 'serialNumber', value: 'S-1' },
      { id: 'firmwareVersion', value: '1.2.3' },
      { id: 'ISONLINE', value: false },
    ]);
    expect(attributes.map((a) => [a.name, a.displayName, a.dataType, a.isDiagnostic])).toEqual([
      ['vin_number', 'VIN', 'string', true],
      ['serial_number', 'Serial number', 'string', true],
      ['firmware_version', 'Firmware version', 'string', true],
      ['isonline', 'Online', 'boolean', true],
    ]);
  });

  it('maps unknown attributes by their value and as state, not diagnostics', () => {
    const { attributes } = mapAttributes([
      { id: 'installedAt', description: 'installed at', value: '2024-01-02T03:04:05Z' },
      { id: 'maxPower', value: 11000 },
    ]);
    expect(attributes.map((a) => [a.displayName, a.dataType, a.isDiagnostic])).toEqual([
      ['Installed at', 'datetime', false],
      ['Max power', 'number', false],
    ]);
  });

  it('keeps a connectivity shape as an object, omitting absent fields', () => {
    const { attributes } = mapAttributes([
      { id: 'cellular', status: 'disconnected', ssid: null, extra: 1 },
    ]);
    expect(attributes).toEqual([
      {
        attributeId: 'cellular',
        deviceId: vehicleDetail.id,
        name: 'cellular',
        displayName: 'Cellular',
        value: { status: 'disconnected' },
        dataType: 'object',
        lastUpdated: '2026-08-21T10:00:00.000Z',
        isDiagnostic: true,
      },
    ]);
  });

  it('lets a description win over the table name', () => {
    const { attributes } = mapAttributes([
      { id: 'firmwareVersion', description: 'software', value: '1' },
    ]);
    expect(attributes[0]?.displayName).toBe('Software');
  });
});
