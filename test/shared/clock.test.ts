import { describe, expect, it } from 'vitest';

import { ManualClock } from '../../src/shared/clock.js';

describe('ManualClock', () => {
  it('fires timers in due order while time advances, including ones they schedule', () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];

    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => {
      fired.push(`a@${clock.now()}`);
      clock.setTimeout(() => fired.push(`c@${clock.now()}`), 50);
    }, 100);
    clock.advance(160);

    expect(fired).toEqual(['a@1100', 'c@1150']);
    expect(clock.pendingDelaysMs()).toEqual([40]);
    expect(clock.now()).toBe(1_160);
  });

  it('never fires a cleared timer', () => {
    const clock = new ManualClock(0);
    let fired = 0;

    const handle = clock.setTimeout(() => fired++, 10);
    clock.clearTimeout(handle);
    clock.advance(1_000);

    expect(fired).toBe(0);
    expect(clock.pendingDelaysMs()).toEqual([]);
  });
});
