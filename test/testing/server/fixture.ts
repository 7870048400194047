import type { DurationLikeObject } from 'luxon';
import { DateTime } from 'luxon';

import type {
  HistoryResolution,
  ScenarioSource,
  WireDeviceDetail,
  WireDeviceSummary,
  WireHistoryPoint,
  WireHome,
} from '../../../src/testing/scenario/source.js';

/** A hand-made scenario: two homes, a vehicle under both, a charger in the first. */
export const MAIN_HOME_ID = '7ea61717-e440-4067-94f3-b4d59110d259';
export const CABIN_ID = '0f5c7a52-5ad4-4b8e-9d56-3d2b1e0b9c11';
export const VEHICLE_ID = 'dm9sa3N3YWdlbiB2ZWhpY2xlOjEyMw';
export const CHARGER_ID = 'ZWFzZWUgY2hhcmdlcjo0NTY';
export const ZONE = 'Europe/Oslo';
export const CHARGER_RETENTION_DAYS = 30;

export const USER = { sub: 'user-4711', name: 'Kari Nordmann', email: 'kari@example.com' };

const STEPS: Readonly<Record<HistoryResolution, DurationLikeObject>> = {
  quarterHour: { minutes: 15 },
  hour: { hours: 1 },
  day: { days: 1 },
  month: { months: 1 },
};

const PERIOD_UNIT = { quarterHour: 'hour', hour: 'hour', day: 'day', month: 'month' } as const;

export function vehicleSummary(): WireDeviceSummary {
  return {
    id: VEHICLE_ID,
    externalId: 'WVWZZZ00000000001',
    info: { name: 'Family car', brand: 'Volkswagen', model: 'ID.4' },
    supportedHistory: { resolutions: [] },
  };
}

export function chargerSummary(): WireDeviceSummary {
  return {
    id: CHARGER_ID,
    externalId: 'easee:EH000001',
    info: { name: 'Garage', brand: 'Easee' },
    supportedHistory: {
      resolutions: ['quarterHour', 'hour', 'day', 'month'],
      maxRetentionDays: CHARGER_RETENTION_DAYS,
    },
  };
}

/** State of charge rises one percent per ten minutes of server time, from 40 %. */
export function stateOfChargeAt(nowMs: number): number {
  return 40 + (Math.floor(nowMs / 600_000) % 60);
}

export function vehicleDetail(nowMs: number): WireDeviceDetail {
  return {
    ...vehicleSummary(),
    status: { lastSeen: new Date(nowMs).toISOString() },
    attributes: [{ id: 'isOnline', value: true }],
    capabilities: [
      {
        id: 'storage.stateOfCharge',
        description: 'state of charge',
        value: stateOfChargeAt(nowMs),
        unit: '%',
      },
      { id: 'range.remaining', description: 'remaining range', value: 356000, unit: 'm' },
      {
        id: 'charging.status',
        description: 'vehicle charging status',
        value: 'idle',
        availableValues: ['charging', 'idle', 'unknown'],
      },
    ],
  };
}

export function chargerDetail(nowMs: number): WireDeviceDetail {
  return {
    ...chargerSummary(),
    status: { lastSeen: new Date(nowMs).toISOString() },
    attributes: [{ id: 'serialNumber', value: 'EH000001' }],
    capabilities: [
      { id: 'charging.current.max', description: 'max current', value: 16, unit: 'A' },
      { id: 'grid.phaseCount', description: 'phase count', value: 3, unit: '' },
    ],
  };
}

/** One point per period starting in [start, end), stepped in the home's zone. */
function chargerHistory(
  resolution: HistoryResolution,
  startMs: number,
  endMs: number,
): WireHistoryPoint[] {
  const points: WireHistoryPoint[] = [];
  let at = DateTime.fromMillis(startMs, { zone: ZONE }).startOf(PERIOD_UNIT[resolution]);
  while (at.toMillis() < startMs) at = at.plus(STEPS[resolution]);
  for (; at.toMillis() < endMs; at = at.plus(STEPS[resolution])) {
    points.push({ time: at.toISO() ?? '', data: { energy: { consumed: at.hour + 0.5 } } });
  }
  return points;
}

export interface FixtureOptions {
  /** Called on every `device` call, to break the scenario on purpose. */
  readonly onDevice?: () => void;
}

export function fixtureScenario(options: FixtureOptions = {}): ScenarioSource {
  const homes: WireHome[] = [
    { id: MAIN_HOME_ID, info: { name: 'Main house' } },
    { id: CABIN_ID, name: 'Cabin' },
  ];
  const isHome = (homeId: string): boolean => homes.some((h) => h.id === homeId);
  const inHome = (homeId: string, deviceId: string): boolean =>
    deviceId === VEHICLE_ID ? isHome(homeId) : homeId === MAIN_HOME_ID && deviceId === CHARGER_ID;

  return {
    user: USER,
    homes: () => homes,
    devices: (homeId) => {
      if (homeId === MAIN_HOME_ID) return [vehicleSummary(), chargerSummary()];
      return homeId === CABIN_ID ? [vehicleSummary()] : undefined;
    },
    device: (homeId, deviceId, nowMs) => {
      options.onDevice?.();
      if (!inHome(homeId, deviceId)) return undefined;
      return deviceId === VEHICLE_ID ? vehicleDetail(nowMs) : chargerDetail(nowMs);
    },
    history: (homeId, deviceId, resolution, startMs, endMs) => {
      if (!inHome(homeId, deviceId)) return undefined;
      return deviceId === CHARGER_ID ? chargerHistory(resolution, startMs, endMs) : [];
    },
    historyRetentionDays: (homeId, deviceId) =>
      homeId === MAIN_HOME_ID && deviceId === CHARGER_ID ? CHARGER_RETENTION_DAYS : undefined,
    requiredScope: (_homeId, deviceId) =>
      deviceId === CHARGER_ID ? 'data-api-chargers-read' : 'data-api-vehicles-read',
    timeZoneOf: (homeId) => (isHome(homeId) ? ZONE : undefined),
  };
}
