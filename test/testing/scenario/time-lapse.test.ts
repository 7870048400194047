import { describe, expect, it } from 'vitest';

import type { ScenarioSource } from '../../../src/testing/index.js';
import { createDemoScenario, timeLapse } from '../../../src/testing/index.js';
import { HOUR, MINUTE } from './payloads.js';

const START = Date.UTC(2026, 5, 1, 10);

const scenario = createDemoScenario();
const main = scenario.homeId('main');
const battery = scenario.deviceId('battery');
const lapsed = timeLapse(scenario, { speed: 60, startMs: START });

/** A source that records the times it is asked for and answers nothing. */
function recordingSource(): { source: ScenarioSource; times: number[] } {
  const times: number[] = [];
  const source: ScenarioSource = {
    user: { sub: 'sub', name: 'name', email: 'email@example.com' },
    homes: (nowMs) => {
      times.push(nowMs);
      return [];
    },
    devices: (_homeId, nowMs) => {
      times.push(nowMs);
      return undefined;
    },
    device: (_homeId, _deviceId, nowMs) => {
      times.push(nowMs);
      return undefined;
    },
    history: () => undefined,
    historyRetentionDays: () => undefined,
    requiredScope: () => undefined,
    timeZoneOf: () => undefined,
  };
  return { source, times };
}

function lastSeenMs(detail: { status: Record<string, unknown> } | undefined): number {
  const lastSeen = detail?.status['lastSeen'];
  if (typeof lastSeen !== 'string') throw new Error('no lastSeen');
  return Date.parse(lastSeen);
}

function lapsedTime(atMs: number): number {
  return START + (atMs - START) * 60;
}

describe('timeLapse', () => {
  it('shows the household exactly as the source has it at startMs', () => {
    expect(lapsed.device(main, battery, START)).toEqual(scenario.device(main, battery, START));
    expect(lapsed.devices(main, START)).toEqual(scenario.devices(main, START));
    expect(lapsed.homes(START)).toEqual(scenario.homes(START));
  });

  it('shows a minute of household per real second at speed 60', () => {
    // The battery does change within that minute, so the comparison below means something.
    expect(scenario.device(main, battery, START + 1_000)).not.toEqual(
      scenario.device(main, battery, START + MINUTE),
    );

    const { status, ...values } = lapsed.device(main, battery, START + 1_000) ?? {};
    const { status: sourceStatus, ...sourceValues } =
      scenario.device(main, battery, START + MINUTE) ?? {};
    expect(values).toEqual(sourceValues);
    expect(status).toEqual({ ...sourceStatus, lastSeen: '2026-06-01T10:00:01Z' });
    expect(lapsed.devices(main, START + 1_000)).toEqual(scenario.devices(main, START + MINUTE));
    expect(lapsed.homes(START + 1_000)).toEqual(scenario.homes(START + MINUTE));
  });

  it('keeps lastSeen on the server clock, never ahead of it', () => {
    for (const atMs of [START + 1_000, START + 7_500, START + HOUR]) {
      const sourceSeen = lastSeenMs(scenario.device(main, battery, lapsedTime(atMs)));
      const seen = lastSeenMs(lapsed.device(main, battery, atMs));

      expect(seen).toBe(Math.floor((START + (sourceSeen - START) / 60) / 1_000) * 1_000);
      expect(seen).toBeLessThanOrEqual(atMs);
    }
  });

  it('maps times linearly on both sides of startMs, rounded to whole ms', () => {
    const { source, times } = recordingSource();
    const fast = timeLapse(source, { speed: 1.5, startMs: START });

    fast.homes(START - 1_000);
    fast.devices('home', START + 1);
    fast.device('home', 'device', START + 3);
    fast.device('home', 'device', START);

    expect(times).toEqual([START - 1_500, START + 2, START + 5, START]);
  });

  it('passes history, retention, scope, time zone and user through unchanged', () => {
    const from = START - 6 * HOUR;
    expect(lapsed.history(main, battery, 'hour', from, START)).toEqual(
      scenario.history(main, battery, 'hour', from, START),
    );
    expect(lapsed.history(main, battery, 'quarterHour', from, START)).toEqual(
      scenario.history(main, battery, 'quarterHour', from, START),
    );
    expect(lapsed.historyRetentionDays(main, battery)).toBe(
      scenario.historyRetentionDays(main, battery),
    );
    expect(lapsed.requiredScope(main, scenario.deviceId('car'))).toBe(
      scenario.requiredScope(main, scenario.deviceId('car')),
    );
    expect(lapsed.timeZoneOf(main)).toBe('Europe/Oslo');
    expect(lapsed.timeZoneOf(scenario.homeId('cabin'))).toBe('Europe/Stockholm');
    expect(lapsed.user).toEqual(scenario.user);
  });

  it('answers undefined for a home or device the source does not know', () => {
    expect(lapsed.devices('no-such-home', START)).toBeUndefined();
    expect(lapsed.device(main, 'no-such-device', START)).toBeUndefined();
    expect(lapsed.timeZoneOf('no-such-home')).toBeUndefined();
  });

  it.each([
    [0, 'timeLapse speed must be a finite number of at least 1, not 0'],
    [0.5, 'timeLapse speed must be a finite number of at least 1, not 0.5'],
    [Number.NaN, 'timeLapse speed must be a finite number of at least 1, not NaN'],
    [Infinity, 'timeLapse speed must be a finite number of at least 1, not Infinity'],
  ])('refuses speed %s', (speed, message) => {
    const make = () => timeLapse(scenario, { speed, startMs: START });
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RangeError(message));
  });

  it('refuses a startMs that is not a finite number', () => {
    const make = () => timeLapse(scenario, { speed: 60, startMs: Number.NaN });
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RangeError('timeLapse startMs must be a finite number, not NaN'));
  });

  it('accepts speed 1, which leaves the time as it is', () => {
    const { source, times } = recordingSource();
    timeLapse(source, { speed: 1, startMs: START }).homes(START + 12_345);
    expect(times).toEqual([START + 12_345]);
  });
});
