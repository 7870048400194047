import type {
  ScenarioSource,
  WireDeviceDetail,
  WireDeviceSummary,
  WireHome,
  WireJson,
} from '../../src/testing/index.js';

export const HOME_A = '7ea61717-e440-4067-94f3-b4d59110d259';
export const HOME_B = '0f5c7a52-5ad4-4b8e-9d56-3d2b1e0b9c11';
export const CAR = 'Y2FyOjE';
export const CHARGER = 'Y2hhcmdlcjox';
export const HEATER = 'aGVhdGVyOjE';

/**
 * Payloads that change only when a test changes them: for asserting that nothing changed
 * means no change. A car under both homes, a charger and a heater in the first.
 */
export class StaticScenario implements ScenarioSource {
  readonly user = { sub: 'user-1', name: 'Test User', email: 'test@example.com' };
  readonly homeList: WireHome[] = [
    { id: HOME_A, name: 'Home' },
    { id: HOME_B, info: { name: 'Cabin' } },
  ];
  readonly lists = new Map<string, string[]>([
    [HOME_A, [CAR, CHARGER, HEATER]],
    [HOME_B, [CAR]],
  ]);
  readonly details = new Map<string, WireDeviceDetail>([
    [CAR, device(CAR, 'Family car', 'VW', [
      { id: 'storage.stateOfCharge', description: 'state of charge', value: 60, unit: '%' },
      { id: 'range.remaining', description: 'range', value: 300_000, unit: 'm' },
    ])],
    [CHARGER, device(CHARGER, 'Driveway', 'Easee', [
      { id: 'charging.current.max', description: 'max current', value: 16, unit: 'A' },
      {
        id: 'charging.status',
        description: 'charging status',
        value: 'idle',
        availableValues: ['charging', 'idle', 'unknown'],
      },
    ])],
    [HEATER, device(HEATER, 'Hall', 'Mill', [
      { id: 'temp.setpoint', description: 'setpoint', value: 21, unit: '°C' },
    ])],
  ]);

  setValue(deviceId: string, capabilityId: string, value: WireJson): void {
    const detail = this.details.get(deviceId);
    const capability = detail?.capabilities.find((c) => c['id'] === capabilityId);
    if (capability === undefined) throw new Error(`no ${capabilityId} on ${deviceId}`);
    capability['value'] = value;
  }

  homes(): WireHome[] {
    return structuredClone(this.homeList);
  }

  devices(homeId: string): WireDeviceSummary[] | undefined {
    const ids = this.lists.get(homeId);
    return ids?.map((id) => summaryOf(this.details.get(id)));
  }

  device(homeId: string, deviceId: string): WireDeviceDetail | undefined {
    if (this.lists.get(homeId)?.includes(deviceId) !== true) return undefined;
    const detail = this.details.get(deviceId);
    return detail === undefined ? undefined : structuredClone(detail);
  }

  history(): undefined {
    return undefined;
  }

  historyRetentionDays(): undefined {
    return undefined;
  }

  requiredScope(): undefined {
    return undefined;
  }

  timeZoneOf(): string {
    return 'Europe/Oslo';
  }
}

function device(
  id: string,
  name: string,
  brand: string,
  capabilities: WireDeviceDetail['capabilities'],
): WireDeviceDetail {
  return {
    id,
    externalId: `${brand}:${id}`,
    info: { name, brand, model: 'M1' },
    supportedHistory: { resolutions: [] },
    status: { lastSeen: '2026-06-01T09:59:00Z' },
    attributes: [{ id: 'isOnline', value: true }],
    capabilities,
  };
}

function summaryOf(detail: WireDeviceDetail | undefined): WireDeviceSummary {
  if (detail === undefined) throw new Error('a listed device has no detail');
  const { id, externalId, info, supportedHistory } = detail;
  return structuredClone({ id, externalId, info, supportedHistory });
}
