import { describe, expect, it } from 'vitest';

import { ResponseValidationError } from '../../src/shared/errors.js';
import { mapDeviceList } from '../../src/models/index.js';
import { chargerSummary, deviceListBody, vehicleSummary } from './fixtures/wire-examples.js';
import { HOME_ID, context, onlyRejection } from './helpers.js';

describe('mapDeviceList', () => {
  it('maps summaries as connecting devices of unknown type without values', () => {
    expect(mapDeviceList(deviceListBody, HOME_ID, context())).toStrictEqual({
      items: [
        {
          deviceId: 'dm9sa3N3YWdlbiB2ZWhpY2xlOjEyMw',
          externalId: 'WVWZZZ00000000001',
          deviceType: 'unknown',
          manufacturer: 'Volkswagen',
          model: 'ID.4',
          name: 'Family car',
          homeId: HOME_ID,
          historyResolutions: [],
          capabilities: [],
          attributes: [],
          onlineStatus: 'connecting',
        },
        {
          deviceId: 'ZWFzZWU6Y2hhcmdlcjo0NTY',
          externalId: 'easee:EH123456',
          deviceType: 'unknown',
          manufacturer: 'Easee',
          name: 'Easee',
          homeId: HOME_ID,
          historyResolutions: ['hour', 'day', 'month'],
          maxRetentionDays: 365,
          capabilities: [],
          attributes: [],
          onlineStatus: 'connecting',
        },
      ],
      issues: [],
    });
  });

  it('takes an explicit type hint, the only way to a meter', () => {
    const hints = new Map([[chargerSummary.id, 'meter' as const]]);
    const { items } = mapDeviceList(deviceListBody, HOME_ID, context({ deviceTypeHints: hints }));
    expect(items.map((device) => device.deviceType)).toEqual(['unknown', 'meter']);
  });

  it('ignores history resolutions it does not know and repeated ones', () => {
    const summary = {
      ...chargerSummary,
      supportedHistory: { resolutions: ['hour', 'fortnight', 'hour'] },
    };
    const { items } = mapDeviceList({ devices: [summary] }, HOME_ID, context());
    expect(items[0]?.historyResolutions).toEqual(['hour']);
  });

  it('rejects one bad summary of three and keeps the other two', () => {
    const broken = { id: 'YnJva2Vu', externalId: 'x' };
    const body = { devices: [vehicleSummary, broken, chargerSummary] };
    const { items, issues } = mapDeviceList(body, HOME_ID, context());

    expect(items.map((device) => device.deviceId)).toEqual([vehicleSummary.id, chargerSummary.id]);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'device',
      itemRef: 'YnJva2Vu',
      errorClass: 'ResponseValidationError',
      rule: 'invalid_type',
    });
    const [issue] = issues;
    expect(issue?.kind === 'rejected' && issue.error).toBeInstanceOf(ResponseValidationError);
    expect(issue?.kind === 'rejected' && (issue.error as ResponseValidationError).issues).toEqual([
      { path: ['devices', 1, 'info'], rule: 'invalid_type', message: expect.any(String) },
    ]);
  });

  it('rejects a repeated device id, keeping the first', () => {
    const body = { devices: [vehicleSummary, { ...vehicleSummary, externalId: 'other' }] };
    const { items, issues } = mapDeviceList(body, HOME_ID, context());

    expect(items.map((device) => device.externalId)).toEqual(['WVWZZZ00000000001']);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'device',
      itemRef: vehicleSummary.id,
      errorClass: 'DataValidationError',
      rule: 'device_id_unique',
    });
  });

  it('throws a ResponseValidationError when devices is not an array', () => {
    expect(() => mapDeviceList({ devices: 'none' }, HOME_ID, context())).toThrow(
      ResponseValidationError,
    );
  });
});
