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

  return {
    get user(): MockUser {
      return source.user;
    },
    homes: (nowMs: number): WireHome[] => source.homes(lapsed(nowMs)),
    devices: (homeId: string, nowMs: number): WireDeviceSummary[] | undefined =>
      source.devices(homeId, lapsed(nowMs)),
    device: (homeId: string, deviceId: string, nowMs: number): WireDeviceDetail | undefined =>
      source.device(homeId, deviceId, lapsed(nowMs)),
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
