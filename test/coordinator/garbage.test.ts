import { describe, expect, it } from 'vitest';

import { staticAccessToken } from '../../src/api/access-token-provider.js';
import { TibberDataClient } from '../../src/api/tibber-data-client.js';
import { TibberDataCoordinator } from '../../src/coordinator/tibber-data-coordinator.js';
import type { Scheduler, TimerHandle } from '../../src/shared/clock.js';
import { systemScheduler } from '../../src/shared/clock.js';
import { MockTibberServer } from '../../src/testing/index.js';
import { StaticScenario } from './static-scenario.js';

const gc = (globalThis as { gc?: () => void }).gc;

/** Real timers, counted while they are pending. */
class CountingScheduler implements Scheduler {
  readonly pending = new Set<TimerHandle>();

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle: TimerHandle = systemScheduler.setTimeout(() => {
      this.pending.delete(handle);
      callback();
    }, delayMs);
    this.pending.add(handle);
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle);
    systemScheduler.clearTimeout(handle);
  }
}

function handles(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap').sort();
}

async function flushFinalizers(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('after stop (C9)', () => {
  it('leaves no timer or socket, and lets the coordinator be collected', async () => {
    expect(gc).toBeTypeOf('function');
    const server = await MockTibberServer.start({ scenario: new StaticScenario() });
    const scheduler = new CountingScheduler();

    const ref = await (async () => {
      const client = new TibberDataClient({
        auth: staticAccessToken(server.issueTokens().accessToken),
        userAgent: 'GcTests/1.0.0',
        baseUrl: server.endpoints.dataApi,
      });
      // Real time and real timers: the point is what stays behind in the process.
      const coordinator = new TibberDataCoordinator({ client, scheduler });
      const unsubscribe = coordinator.subscribe({ changes: () => undefined });
      await coordinator.start();
      expect(scheduler.pending.size).toBe(1);
      unsubscribe();
      coordinator.stop();
      return new WeakRef(coordinator);
    })();
    await server.close();
    await flushFinalizers();

    expect(ref.deref()).toBeUndefined();
    expect(scheduler.pending.size).toBe(0);
    expect(handles().filter((kind) => kind.startsWith('TCP'))).toEqual([]);
  });
});
