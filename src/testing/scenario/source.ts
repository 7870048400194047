/**
 * The contract between the mock server and the data it serves. The server knows HTTP,
 * OAuth, paging and faults; a scenario knows homes, devices and how their values evolve
 * with the server's clock. Payload types here are the mock's own description of the wire
 * (tibber-data-api.md), written independently of src/models so that the mock stays an
 * oracle for the client side rather than an echo of it.
 */

export type WireJson = null | boolean | number | string | WireJson[] | WireJsonObject;
export interface WireJsonObject {
  [key: string]: WireJson;
}

/** A home as `/v1/homes` lists it: `id` plus a name at the root or under `info`. */
export type WireHome = WireJsonObject & { id: string };

/** A list item of `/v1/homes/{homeId}/devices`: no capabilities, no status. */
export type WireDeviceSummary = WireJsonObject & {
  id: string;
  externalId: string;
  info: WireJsonObject;
  supportedHistory: WireJsonObject;
};

/** `/v1/homes/{homeId}/devices/{deviceId}`: a bare object, no envelope. */
export type WireDeviceDetail = WireDeviceSummary & {
  status: WireJsonObject;
  attributes: WireJsonObject[];
  capabilities: WireJsonObject[];
};

/** One history point: `time` in the home's zone, `data` device specific (may nest). */
export interface WireHistoryPoint {
  time: string;
  data: WireJsonObject;
}

export type HistoryResolution = 'quarterHour' | 'hour' | 'day' | 'month';

export interface MockUser {
  /** OIDC subject; also the user id a session manager reads. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
}

/**
 * What a scenario offers the server. Every method is called per request with the
 * server's current time, so values evolve as the server's clock moves; nothing here
 * performs I/O. `undefined` means "no such home/device": the server answers 404.
 */
export interface ScenarioSource {
  readonly user: MockUser;

  homes(nowMs: number): WireHome[];

  devices(homeId: string, nowMs: number): WireDeviceSummary[] | undefined;

  device(homeId: string, deviceId: string, nowMs: number): WireDeviceDetail | undefined;

  /**
   * Points of closed periods that start in `[startMs, endMs)`, oldest first, with period
   * boundaries taken in the home's own time zone. The server decides the window (clamping
   * to retention, truncating minutes) and pages the result.
   */
  history(
    homeId: string,
    deviceId: string,
    resolution: HistoryResolution,
    startMs: number,
    endMs: number,
  ): WireHistoryPoint[] | undefined;

  /** How far back a device keeps history, in days; `undefined` when it states no limit. */
  historyRetentionDays(homeId: string, deviceId: string): number | undefined;

  /**
   * The Data API scope a token needs for this device to be listed at all
   * (`data-api-vehicles-read`, …); `undefined` when none beyond the baseline.
   */
  requiredScope(homeId: string, deviceId: string): string | undefined;

  /** The IANA zone a home's history times are written in (not sent on the wire). */
  timeZoneOf(homeId: string): string | undefined;
}
