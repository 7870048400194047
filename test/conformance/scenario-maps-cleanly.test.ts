import { describe, expect, it } from 'vitest';

import type { MappingIssue, TibberDevice } from '../../src/models/index.js';
import {
  createMappingContext,
  mapDeviceDetail,
  mapDeviceList,
  mapHomes,
} from '../../src/models/index.js';
import type { ScenarioSource } from '../../src/testing/index.js';
import { createDemoScenario, generateScaleScenario } from '../../src/testing/index.js';

/**
 * The mock and the model are written apart, each from the wire page; wherever they read it
 * differently, one of them is wrong. Every payload the scenarios serve must map without a
 * rejection or a warning.
 */
const HOUR_MS = 3_600_000;
const START_MS = Date.UTC(2026, 2, 28, 12);

function mapEverything(
  source: ScenarioSource,
  nowMs: number,
): { devices: TibberDevice[]; issues: MappingIssue[] } {
  const context = createMappingContext(nowMs);
  const issues: MappingIssue[] = [];
  const devices: TibberDevice[] = [];

  const homes = mapHomes({ homes: source.homes(nowMs) }, context);
  issues.push(...homes.issues);
  for (const home of homes.items) {
    const list = mapDeviceList({ devices: source.devices(home.homeId, nowMs) }, home.homeId, {});
    issues.push(...list.issues);
    for (const summary of list.items) {
      const body = source.device(home.homeId, summary.deviceId, nowMs);
      const mapped = mapDeviceDetail(body, home.homeId, context);
      issues.push(...mapped.issues);
      devices.push(mapped.device);
    }
  }
  return { devices, issues };
}

describe('scenario payloads through the domain model', () => {
  it('maps the demo household hour by hour across a DST change with no issue', () => {
    const source = createDemoScenario();

    for (let hour = 0; hour < 48; hour++) {
      const { issues } = mapEverything(source, START_MS + hour * HOUR_MS);
      expect(issues, `at hour ${hour}`).toEqual([]);
    }
  });

  it('infers every demo device type from its capabilities', () => {
    const { devices } = mapEverything(createDemoScenario(), START_MS);

    expect(devices.map((d) => [d.name, d.deviceType])).toEqual([
      ['Family car', 'ev'],
      ['Driveway charger', 'charger'],
      ['Home battery', 'battery'],
      ['Living room', 'thermostat'],
      ['Family car', 'ev'],
      ['Adax Neo WiFi', 'thermostat'],
      ['Fronius Primo GEN24', 'inverter'],
    ]);
  });

  it('maps a generated account of every kind, warning only of its padding', () => {
    const source = generateScaleScenario({
      homes: 3,
      devicesPerHome: 10,
      capabilitiesPerDevice: 70,
      seed: 7,
      kinds: ['vehicle', 'charger', 'battery', 'thermostat', 'inverter'],
    });

    const { devices, issues } = mapEverything(source, START_MS);
    const unexpected = issues.filter(
      (issue) =>
        issue.kind !== 'warning' ||
        issue.warning.code !== 'unknown_capability' ||
        !issue.warning.capabilityId.startsWith('vendor.metric'),
    );
    expect(unexpected).toEqual([]);
    expect(issues.length).toBeGreaterThan(0);
    expect(devices).toHaveLength(30);
  });
});
