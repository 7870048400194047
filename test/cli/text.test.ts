import { describe, expect, it } from 'vitest';

import { withoutCredentials } from '../../src/cli/bridge.js';
import { formatDuration, parseDuration } from '../../src/cli/durations.js';
import { formatEntityState } from '../../src/cli/entity-text.js';
import { UsageError, describeFailure } from '../../src/cli/exit-codes.js';
import type { EntityDescription } from '../../src/index.js';

const power: EntityDescription = {
  uniqueId: 'x_power',
  deviceId: 'x',
  source: { kind: 'capability', id: 'power' },
  platform: 'sensor',
  name: 'Power',
  unit: 'kW',
  displayPrecision: 2,
  enabledByDefault: true,
};

describe('durations', () => {
  it('read the ways people write them', () => {
    expect(['500ms', '90s', '2m', '1.5h', '7d', '30', 'PT1M30S', 'pt2m'].map((text) =>
      parseDuration(text, '--x'))).toEqual([
      500, 90_000, 120_000, 5_400_000, 604_800_000, 30_000, 90_000, 120_000,
    ]);
  });

  it('refuse nothing, zero and nonsense, naming the flag', () => {
    for (const text of ['', '0s', 'soon', '-5s', '5 s']) {
      expect(() => parseDuration(text, '--interval')).toThrow(
        new UsageError(
          `--interval takes a duration such as 30s, 5m, 1h or 7d, not ${JSON.stringify(text)}`,
        ),
      );
    }
  });

  it('print as briefly as they honestly can', () => {
    expect([200, 2_000, 60_000, 90_000, 3_600_000, 90_061_000].map(formatDuration)).toEqual([
      '200ms', '2s', '1m', '1m 30s', '1h', '1d 1h 1m 1s',
    ]);
  });
});

describe('entity states for a person', () => {
  it('show the unit at its precision, and unknown and unavailable as Home Assistant does', () => {
    const state = { uniqueId: 'x_power', available: true };

    expect(formatEntityState(power, { ...state, value: 3.14159 })).toBe('3.14 kW');
    expect(formatEntityState(power, { ...state, value: null })).toBe('unknown');
    expect(formatEntityState(power, { ...state, value: 1, available: false })).toBe('unavailable');
    expect(formatEntityState({ ...power, unit: '' }, { ...state, value: 2 })).toBe('2.00');
    expect(formatEntityState(power, { ...state, value: true })).toBe('on');
    expect(formatEntityState(power, { ...state, value: 'charging' })).toBe('charging');
  });
});

describe('errors and addresses in the terminal', () => {
  it('fold an error into one line', () => {
    expect(describeFailure(new Error('first\n  second\tthird '))).toBe('first second third');
    expect(describeFailure(new TypeError(''))).toBe('TypeError');
    expect(describeFailure('plain')).toBe('plain');
  });

  it('keep a broker password out of what is printed', () => {
    expect(withoutCredentials('mqtt://hub:s3cret@broker.local:1883')).toBe(
      'mqtt://broker.local:1883',
    );
    expect(withoutCredentials('not a url s3cret')).toBe('the configured broker');
  });
});
