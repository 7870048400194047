import { Buffer } from 'node:buffer';

import { describe, expect, it } from 'vitest';

import { createDemoScenario } from '../../../src/testing/scenario/index.js';
import { attributeOf, capabilityOf, detailOf, HOUR, numberOf, textOf } from './payloads.js';

const NOW = Date.UTC(2026, 5, 21, 12, 3, 17);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const scenario = createDemoScenario();
const main = scenario.homeId('main');
const cabin = scenario.homeId('cabin');
const id = (key: string): string => scenario.deviceId(key);
const detail = (key: string, home = main): ReturnType<typeof detailOf> =>
  detailOf(scenario, home, id(key), NOW);

describe('demo scenario on the wire', () => {
  it('lists two homes, one named at the root and one under info', () => {
    expect(scenario.homes(NOW)).toEqual([
      { id: main, info: { name: 'Main house' } },
      { id: cabin, name: 'Cabin' },
    ]);
    expect(main).toMatch(UUID);
    expect(cabin).toMatch(UUID);
    expect(scenario.timeZoneOf(main)).toBe('Europe/Oslo');
    expect(scenario.timeZoneOf(cabin)).toBe('Europe/Stockholm');
  });

  it('lists the car under both homes with one id and the same detail', () => {
    const mainIds = scenario.devices(main, NOW)?.map((d) => d.id);
    const cabinIds = scenario.devices(cabin, NOW)?.map((d) => d.id);

    expect(mainIds).toContain(id('car'));
    expect(cabinIds).toContain(id('car'));
    expect(detail('car', cabin)).toEqual(detail('car', main));
  });

  it('gives devices unpadded base64url ids, never UUIDs, and vendor external ids', () => {
    const devices = [main, cabin].flatMap((home) => scenario.devices(home, NOW) ?? []);

    for (const device of devices) {
      expect(device.id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(device.id).not.toMatch(UUID);
    }
    expect(Buffer.from(id('car'), 'base64url').toString()).toMatch(/^volkswagen vehicle:WVW/);
    expect(detail('car').externalId).toMatch(/^WVW[A-HJ-NPR-Z0-9]{14}$/);
    expect(attributeOf(detail('car'), 'vinNumber')['value']).toBe(detail('car').externalId);
    expect(detail('charger').externalId).toMatch(/^easee:EH[A-Z0-9]{6}$/);
    expect(detail('battery').externalId).toMatch(/^sonnen:[A-Z0-9]{8}$/);
    expect(detail('cabin-heater', cabin).externalId).toMatch(/^ADX\d{10}$/);
  });

  it('has summaries and details with exactly the wire fields, plus an undocumented one', () => {
    const summaries = scenario.devices(main, NOW) ?? [];
    const charger = summaries.find((d) => d.id === id('charger'));
    const battery = summaries.find((d) => d.id === id('battery'));

    expect(Object.keys(battery ?? {})).toEqual(['id', 'externalId', 'info', 'supportedHistory']);
    expect(charger?.['vendorSync']).toEqual({ state: 'ok', intervalSeconds: 900 });
    expect(Object.keys(detail('battery'))).toEqual([
      'id',
      'externalId',
      'info',
      'supportedHistory',
      'status',
      'attributes',
      'capabilities',
    ]);
    expect(Object.keys(detail('charger'))).toContain('vendorSync');
  });

  it('gives every capability a unit or available values, never both', () => {
    for (const key of ['car', 'charger', 'battery', 'living-room', 'cabin-heater', 'cabin-solar']) {
      for (const capability of detail(key, key.startsWith('cabin') ? cabin : main).capabilities) {
        const keys = Object.keys(capability);
        const description = textOf(capability['description']);
        expect([
          ['id', 'description', 'value', 'unit'],
          ['id', 'description', 'value', 'availableValues'],
        ]).toContainEqual(keys);
        expect(description).toBe(description.toLowerCase());
        const values = capability['availableValues'];
        if (Array.isArray(values)) expect(values).toContain(capability['value']);
      }
    }
  });

  it('shows the car, charger and thermostat capabilities of the field', () => {
    expect(capabilityOf(detail('car'), 'range.remaining')).toMatchObject({
      description: 'estimated remaining driving range',
      unit: 'm',
    });
    expect(capabilityOf(detail('car'), 'charging.status')['availableValues']).toEqual([
      'charging',
      'idle',
      'unknown',
    ]);
    expect(capabilityOf(detail('charger'), 'grid.phaseCount')).toMatchObject({
      value: 3,
      unit: '',
    });
    expect(capabilityOf(detail('charger'), 'charging.current.max')).toMatchObject({ unit: 'A' });
    expect(detail('living-room').capabilities.map((c) => [c['id'], c['unit']])).toEqual([
      ['temp.setpoint', '°C'],
      ['temp.current', '°C'],
      ['temp.comfort', '°C'],
      ['onOff', undefined],
    ]);
    expect(capabilityOf(detail('living-room'), 'onOff')['availableValues']).toEqual(['on', 'off']);
  });

  it('gives the battery about 70 resetting counters, storage, power flows and diagnostics', () => {
    const capabilities = detail('battery').capabilities;
    const counters = capabilities.filter((c) =>
      /^energyFlow\.(hour|day|week|month|year)\.(battery|grid|load|solar)\./.test(textOf(c['id'])),
    );
    const byId = (capabilityId: string) => capabilities.find((c) => c['id'] === capabilityId);

    expect(counters.length).toBeGreaterThanOrEqual(65);
    expect(counters.every((c) => c['unit'] === 'Wh')).toBe(true);
    expect(byId('storage.availableEnergy')?.['unit']).toBe('Wh');
    expect(byId('storage.ratedPower')?.['unit']).toBe('W');
    expect(byId('cellular.rssi')?.['unit']).toBe('dBm');
    expect(byId('connectivity.wifi')?.['availableValues']).toEqual([
      'connected',
      'disconnected',
      'unknown',
    ]);
    for (const side of ['battery', 'grid', 'load', 'solar']) {
      expect(byId(`powerFlow.${side}.power`)?.['unit']).toBe('W');
    }
  });

  it('keeps the ratio capabilities between 0 and 1 through two days', () => {
    const ratios = ['toGrid', 'toLoad', 'fromGrid', 'fromLoad', 'fromSolar', 'toBattery'];
    let seenAbove = 0;
    for (let at = NOW; at < NOW + 48 * HOUR; at += HOUR) {
      const battery = detailOf(scenario, main, id('battery'), at);
      for (const ratio of ratios) {
        const capability = capabilityOf(battery, `powerFlow.${ratio}`);
        const value = numberOf(battery, `powerFlow.${ratio}`);
        expect(capability['unit']).toBe('%');
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        if (value > 0.01) seenAbove++;
      }
    }
    expect(seenAbove).toBeGreaterThan(0);
  });

  it('repeats descriptions across capabilities, as the wire does', () => {
    const descriptions = detail('battery').capabilities.map((c) => c['description']);
    const charger = detail('charger').capabilities.map((c) => c['description']);

    expect(descriptions.filter((d) => d === 'battery charged energy')).toHaveLength(5);
    expect(charger.filter((d) => d === 'charging current')).toHaveLength(2);
  });

  it('has a connectivity attribute without a value', () => {
    const connectivity = attributeOf(detail('battery'), 'connectivity');

    expect(connectivity).not.toHaveProperty('value');
    expect(connectivity).toMatchObject({ status: 'connected' });
    expect(Object.keys(connectivity)).toEqual(['id', 'status', 'ssid', 'bssid', 'ipAddress']);
    expect(attributeOf(detail('charger'), 'isOnline')['value']).toBe(true);
  });

  it('has placeholder names and a device without a model', () => {
    expect(detail('cabin-heater', cabin).info['name']).toBe('<no name>');
    expect(detail('cabin-solar', cabin).info['name']).toBe('No name');
    expect(detail('living-room').info).toEqual({ name: 'Living room', brand: 'Mill' });
  });

  it('names the scope each kind needs', () => {
    const scopes = Object.fromEntries(
      ['car', 'charger', 'battery', 'living-room'].map((key) => [
        key,
        scenario.requiredScope(main, id(key)),
      ]),
    );

    expect(scopes).toEqual({
      car: 'data-api-vehicles-read',
      charger: 'data-api-chargers-read',
      battery: 'data-api-energy-systems-read',
      'living-room': 'data-api-thermostats-read',
    });
    expect(scenario.requiredScope(cabin, id('cabin-solar'))).toBe('data-api-inverters-read');
  });

  it('states retention where the kind has a limit, and omits it where none', () => {
    expect(scenario.historyRetentionDays(main, id('car'))).toBe(30);
    expect(scenario.historyRetentionDays(main, id('living-room'))).toBeUndefined();
    expect(detail('living-room').supportedHistory).toEqual({ resolutions: ['hour', 'day'] });
    expect(detail('battery').supportedHistory).toEqual({
      resolutions: ['quarterHour', 'hour', 'day', 'month'],
      maxRetentionDays: 365,
    });
  });

  it('rejects a time that is not finite: a broken server clock shows at once', () => {
    expect(() => scenario.homes(Number.NaN)).toThrow(TypeError);
    expect(() => scenario.homes(Number.NaN)).toThrow('nowMs must be a finite time, got NaN');
    expect(() => scenario.history(main, id('battery'), 'hour', 0, Infinity)).toThrow(
      'endMs must be a finite time, got Infinity',
    );
  });

  it('answers undefined for unknown homes and devices, and devices of another home', () => {
    expect(scenario.devices('00000000-0000-4000-8000-000000000000', NOW)).toBeUndefined();
    expect(scenario.device(main, 'bm9wZQ', NOW)).toBeUndefined();
    expect(scenario.device(cabin, id('battery'), NOW)).toBeUndefined();
    expect(scenario.requiredScope(cabin, id('battery'))).toBeUndefined();
    expect(scenario.history(cabin, id('battery'), 'hour', NOW - HOUR, NOW)).toBeUndefined();
  });
});
