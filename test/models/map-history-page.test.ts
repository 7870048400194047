import { describe, expect, it } from 'vitest';

import { ResponseValidationError } from '../../src/shared/errors.js';
import { mapHistoryPage } from '../../src/models/index.js';
import { onlyRejection } from './helpers.js';

const page = {
  query: {
    effectiveStart: '2026-08-20T00:00:00+02:00',
    effectiveEnd: '2026-08-21T00:00:00+02:00',
    resolution: 'hour',
  },
  data: [
    { time: '2026-08-20T00:00:00+02:00', data: { energy: { imported: 1.5 } } },
    { time: '2026-08-20T01:00:00+02:00', data: { energy: { imported: 0.7 } }, extra: true },
  ],
  next: 'https://data-api.tibber.com/v1/homes/h/devices/d/history?cursor=abc',
};

describe('mapHistoryPage', () => {
  it('maps points to UTC and keeps the cursor verbatim', () => {
    expect(mapHistoryPage(page)).toStrictEqual({
      page: {
        effectiveStart: '2026-08-19T22:00:00.000Z',
        effectiveEnd: '2026-08-20T22:00:00.000Z',
        points: [
          { time: '2026-08-19T22:00:00.000Z', data: { energy: { imported: 1.5 } } },
          { time: '2026-08-19T23:00:00.000Z', data: { energy: { imported: 0.7 } } },
        ],
        next: page.next,
      },
      issues: [],
    });
  });

  it('rejects one bad point of three and keeps the other two', () => {
    const [first, second] = page.data;
    const body = { ...page, data: [first, { time: 'noon', data: {} }, second] };
    const { page: mapped, issues } = mapHistoryPage(body);

    expect(mapped.points).toHaveLength(2);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'history_point',
      itemRef: 'noon',
      errorClass: 'DataValidationError',
      rule: 'history_time_iso8601',
    });
  });

  it('names a point without a time by its index', () => {
    const { issues } = mapHistoryPage({ ...page, data: [{ data: {} }] });
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'history_point',
      itemRef: 'data[0]',
      errorClass: 'ResponseValidationError',
      rule: 'invalid_type',
    });
  });

  it('rejects the page when its effective bounds are not date-times', () => {
    const body = { ...page, query: { ...page.query, effectiveEnd: 'later' } };
    expect(() => mapHistoryPage(body)).toThrow(
      'history_page "query.effectiveEnd" breaks rule history_time_iso8601',
    );
  });

  it('throws a ResponseValidationError when data is not a list', () => {
    expect(() => mapHistoryPage({ ...page, data: null })).toThrow(ResponseValidationError);
  });
});
