import { describe, expect, it } from 'vitest';

import {
  wireAttributeSchema,
  wireCapabilitySchema,
  wireDeviceDetailSchema,
  wireDeviceListEnvelopeSchema,
  wireDeviceSummarySchema,
  wireHistoryPageSchema,
  wireHomeSchema,
  wireHomesEnvelopeSchema,
  wireTokenResponseSchema,
  wireUserInfoSchema,
} from '../../src/models/index.js';
import {
  chargerSummary,
  homeWithInfoName,
  homeWithRootName,
  homesBody,
  vehicleDetail,
  vehicleSummary,
} from './fixtures/wire-examples.js';

const codes = (result: { success: boolean; error?: { issues: { code: string }[] } }): string[] =>
  result.error?.issues.map((issue) => issue.code) ?? [];

describe('wire schemas accept the documented payloads', () => {
  it('parses both home shapes and the homes envelope', () => {
    expect(wireHomeSchema.parse(homeWithRootName)).toEqual(homeWithRootName);
    expect(wireHomeSchema.parse(homeWithInfoName)).toEqual(homeWithInfoName);
    expect(wireHomesEnvelopeSchema.parse(homesBody)).toEqual(homesBody);
  });

  it('parses the vehicle detail, leaving capabilities and attributes for item parsing', () => {
    expect(wireDeviceDetailSchema.parse(vehicleDetail)).toEqual(vehicleDetail);
  });

  it('parses summaries with and without a model', () => {
    expect(wireDeviceSummarySchema.parse(vehicleSummary)).toEqual(vehicleSummary);
    expect(wireDeviceSummarySchema.parse(chargerSummary)).toEqual(chargerSummary);
    const body = { devices: [vehicleSummary, chargerSummary] };
    expect(wireDeviceListEnvelopeSchema.parse(body)).toEqual(body);
  });

  it('parses every documented capability shape', () => {
    for (const capability of vehicleDetail.capabilities) {
      expect(wireCapabilitySchema.parse(capability)).toEqual(capability);
    }
    const nullValue = { id: 'grid.phaseCount', description: 'phases', value: null, unit: '' };
    expect(wireCapabilitySchema.parse(nullValue)).toEqual(nullValue);
  });

  it('parses value attributes and the connectivity shape', () => {
    for (const attribute of vehicleDetail.attributes) {
      expect(wireAttributeSchema.parse(attribute)).toEqual(attribute);
    }
    const link = { id: 'wifi', status: 'connected', ssid: 'home', bssid: 'aa:bb', ipAddress: '1' };
    expect(wireAttributeSchema.parse(link)).toEqual(link);
  });

  it('parses a history page with cursors', () => {
    const page = {
      query: { effectiveStart: '2026-08-20T00:00:00+02:00', effectiveEnd: 'x', resolution: 'hour' },
      data: [{ time: '2026-08-20T00:00:00+02:00', data: { energy: { imported: 1 } } }],
      next: 'https://data-api.tibber.com/v1/next',
    };
    expect(wireHistoryPageSchema.parse(page)).toEqual({
      query: { effectiveStart: '2026-08-20T00:00:00+02:00', effectiveEnd: 'x' },
      data: page.data,
      next: page.next,
    });
  });

  it('parses token responses, tolerating a numeric-string expires_in', () => {
    const body = { access_token: 'a', token_type: 'Bearer', expires_in: '3600', scope: 'openid' };
    expect(wireTokenResponseSchema.parse(body)).toEqual({ ...body, expires_in: 3600 });
    const bad = wireTokenResponseSchema.safeParse({ ...body, expires_in: 'soon' });
    expect(bad.error?.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['invalid_union', ['expires_in']],
    ]);
  });

  it('requires sub in userinfo and tolerates other claims', () => {
    expect(wireUserInfoSchema.parse({ sub: 'u1', locale: 'nb' })).toEqual({ sub: 'u1' });
    expect(codes(wireUserInfoSchema.safeParse({ name: 'Ada' }))).toEqual(['invalid_type']);
  });
});

describe('wire schemas tolerate unknown fields', () => {
  it.each([
    ['home', wireHomeSchema, homeWithRootName],
    ['summary', wireDeviceSummarySchema, vehicleSummary],
    ['detail', wireDeviceDetailSchema, vehicleDetail],
    ['capability', wireCapabilitySchema, vehicleDetail.capabilities[0]],
    ['attribute', wireAttributeSchema, vehicleDetail.attributes[0]],
  ] as const)('never fails a %s on extra keys', (_name, schema, payload) => {
    const result = schema.safeParse({ ...payload, brandNewField: { nested: [1, 2] } });
    expect(result.success).toBe(true);
  });
});

describe('wire schemas reject what the wire never sends', () => {
  it('rejects a capability with neither unit nor availableValues, naming the rule', () => {
    const result = wireCapabilitySchema.safeParse({ id: 'x', description: 'x', value: 1 });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['unit'], params: {
        rule: 'unit_or_available_values',
      } }),
    ]);
  });

  it('rejects an attribute with neither value nor status', () => {
    const result = wireAttributeSchema.safeParse({ id: 'x', description: 'x' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['value'], params: { rule: 'value_or_status' } }),
    ]);
  });

  it('rejects an object as a capability value', () => {
    const result = wireCapabilitySchema.safeParse({ id: 'x', value: { a: 1 }, unit: 'W' });
    expect(codes(result)).toEqual(['invalid_union']);
  });
});
