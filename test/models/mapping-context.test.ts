import { describe, expect, it } from 'vitest';

import {
  DEFAULT_FUTURE_TOLERANCE_MS,
  DEFAULT_STALE_AFTER_MS,
  DEFAULT_TIME_ZONE,
  createMappingContext,
  describeMappingIssue,
  mapDeviceDetail,
} from '../../src/models/index.js';
import { vehicleDetail } from './fixtures/wire-examples.js';
import { HOME_ID, NOW_MS, context } from './helpers.js';

describe('createMappingContext', () => {
  it('fills in the documented defaults', () => {
    expect(createMappingContext(NOW_MS)).toEqual({
      nowMs: NOW_MS,
      defaultTimeZone: 'Europe/Oslo',
      staleAfterMs: 86_400_000,
      futureToleranceMs: 300_000,
    });
    expect([DEFAULT_TIME_ZONE, DEFAULT_STALE_AFTER_MS, DEFAULT_FUTURE_TOLERANCE_MS]).toEqual([
      'Europe/Oslo',
      86_400_000,
      300_000,
    ]);
  });

  it.each([
    [NaN, {}, 'nowMs must be a finite number of epoch milliseconds'],
    [NOW_MS, { staleAfterMs: -1 }, 'staleAfterMs must be a finite, non-negative number of ' +
      'milliseconds'],
    [NOW_MS, { defaultTimeZone: 'CET+1' }, 'defaultTimeZone must be an IANA time zone such as ' +
      '"Europe/Oslo"'],
  ])('refuses bad arguments with a TypeError (%s, %j)', (nowMs, options, message) => {
    expect(() => createMappingContext(nowMs, options)).toThrow(new TypeError(message));
  });
});

describe('describeMappingIssue', () => {
  it('describes rejections and warnings in one line each', () => {
    const body = {
      ...vehicleDetail,
      capabilities: [
        { id: 'storage.stateOfCharge', value: 120, unit: '%' },
        { id: 'x.y', value: 1, unit: 'parsec' },
      ],
    };
    const { issues } = mapDeviceDetail(body, HOME_ID, context());
    expect(issues.map(describeMappingIssue)).toEqual([
      'rejected capability storage.stateOfCharge: capability "storage.stateOfCharge" breaks ' +
        'rule capability_value_within_bounds: value 120 is outside 0..100',
      `device ${vehicleDetail.id} has unknown capability x.y`,
      `capability x.y of device ${vehicleDetail.id} has unknown unit "parsec"`,
    ]);
  });
});
