import type {
  HistoryResolution,
  MockUser,
  ScenarioSource,
  WireDeviceDetail,
  WireDeviceSummary,
  WireHistoryPoint,
  WireHome,
} from './source.js';

export interface TimeLapseOptions {
  /** How many times faster than the server's clock the household runs; at least 1. */
  readonly speed: number;
  /** The server time at which the household is exactly as `source` has it. */
  readonly startMs: number;
}

/**
 * A scenario whose household runs `speed` times faster than the server's clock, for demos:
 * at speed 60 a real second shows a minute of charging, solar and heating, while tokens,
 * codes and cursors keep the server's real clock, so a session does not expire in seconds.
 * Only the time that `homes`, `devices` and `device` see is mapped, linearly to
 * `startMs + (nowMs - startMs) * speed` and rounded to whole ms; `history` is asked for
 * explicit windows and passes through unchanged, as do the other methods.
 *
 * A device's `status.lastSeen` is mapped back onto the server's clock: the household's own
 * time runs ahead of every client's, and a report from the future is one a careful client
 * rejects.
 */
export function timeLapse(source: ScenarioSource, options: TimeLapseOptions): ScenarioSource {
  const { speed, startMs } = options;
  if (!Number.isFinite(speed) || speed < 1) {
    throw new RangeError(
      `timeLapse speed must be a finite number of at least 1, not ${String(speed)}`,
    );
  }
  if (!Number.isFinite(startMs)) {
    throw new RangeError(`timeLapse startMs must be a finite number, not ${String(startMs)}`);
  }
  const lapsed = (nowMs: number): number => Math.round(startMs + (nowMs - startMs) * speed);
  const onServerClock = (householdMs: number): number =>
    startMs + (householdMs - startMs) / speed;

  return {
    get user(): MockUser {
      return source.user;
    },
    homes: (nowMs: number): WireHome[] => source.homes(lapsed(nowMs)),
    devices: (homeId: string, nowMs: number): WireDeviceSummary[] | undefined =>
      source.devices(homeId, lapsed(nowMs)),
    device: (homeId: string, deviceId: string, nowMs: number): WireDeviceDetail | undefined => {
      const detail = source.device(homeId, deviceId, lapsed(nowMs));
      return detail === undefined ? undefined : withLastSeen(detail, onServerClock);
    },
    history: (
      homeId: string,
      deviceId: string,
      resolution: HistoryResolution,
      fromMs: number,
      toMs: number,
    ): WireHistoryPoint[] | undefined =>
      source.history(homeId, deviceId, resolution, fromMs, toMs),
    historyRetentionDays: (homeId: string, deviceId: string): number | undefined =>
      source.historyRetentionDays(homeId, deviceId),
    requiredScope: (homeId: string, deviceId: string): string | undefined =>
      source.requiredScope(homeId, deviceId),
    timeZoneOf: (homeId: string): string | undefined => source.timeZoneOf(homeId),
  };
}

/** The detail with `status.lastSeen` moved by `map`, to the whole second as the wire has it. */
function withLastSeen(
  detail: WireDeviceDetail,
  map: (householdMs: number) => number,
): WireDeviceDetail {
  const { lastSeen } = detail.status;
  if (typeof lastSeen !== 'string') return detail;
  const householdMs = Date.parse(lastSeen);
  if (Number.isNaN(householdMs)) return detail;
  const seconds = Math.floor(map(householdMs) / 1_000);
  const iso = new Date(seconds * 1_000).toISOString().replace('.000Z', 'Z');
  return { ...detail, status: { ...detail.status, lastSeen: iso } };
}
