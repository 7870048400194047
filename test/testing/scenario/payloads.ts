import type {
  ScenarioSource,
  WireDeviceDetail,
  WireJson,
  WireJsonObject,
} from '../../../src/testing/scenario/index.js';

/** The capability with this id, failing the test when it is missing. */
export function capabilityOf(detail: WireDeviceDetail | undefined, id: string): WireJsonObject {
  const capability = detail?.capabilities.find((c) => c['id'] === id);
  if (capability === undefined) throw new Error(`no capability ${id}`);
  return capability;
}

export function valueOf(detail: WireDeviceDetail | undefined, id: string): WireJson {
  return capabilityOf(detail, id)['value'] ?? null;
}

export function numberOf(detail: WireDeviceDetail | undefined, id: string): number {
  const value = valueOf(detail, id);
  if (typeof value !== 'number') throw new Error(`${id} is ${JSON.stringify(value)}`);
  return value;
}

/** A string field of a payload, failing the test when it is anything else. */
export function textOf(value: WireJson | undefined): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

/** `status.lastSeen` in epoch milliseconds. */
export function lastSeenOf(detail: WireDeviceDetail): number {
  return Date.parse(textOf(detail.status['lastSeen']));
}

export function attributeOf(detail: WireDeviceDetail | undefined, id: string): WireJsonObject {
  const attribute = detail?.attributes.find((a) => a['id'] === id);
  if (attribute === undefined) throw new Error(`no attribute ${id}`);
  return attribute;
}

/** A device's detail, which must exist. */
export function detailOf(
  source: ScenarioSource,
  homeId: string,
  deviceId: string,
  nowMs: number,
): WireDeviceDetail {
  const detail = source.device(homeId, deviceId, nowMs);
  if (detail === undefined) throw new Error(`no device ${deviceId} under ${homeId}`);
  return detail;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
