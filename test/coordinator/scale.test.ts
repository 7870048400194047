import { describe, expect, it } from 'vitest';

import { generateScaleScenario } from '../../src/testing/index.js';
import { MINUTE_MS, useCoordinatorHarness } from './harness.js';

const start = useCoordinatorHarness();

describe('a large account (C15)', () => {
  it('polls 50 devices of 70 capabilities with one request each, at most 4 at once', async () => {
    const scenario = generateScaleScenario({
      homes: 1,
      devicesPerHome: 50,
      capabilitiesPerDevice: 70,
      seed: 5,
    });
    const { server, coordinator, clock, idle } = await start({ scenario });
    server.clearRequests();
    server.faults.add({ route: 'device', always: true, fault: { kind: 'latency', delayMs: 100 } });

    clock.advance(MINUTE_MS);
    await idle();
    const inFlight: number[] = [];
    while (coordinator.nextPollAt === undefined) {
      inFlight.push(server.requests.filter((r) => r.status === undefined).length);
      clock.advance(100);
      await idle();
    }

    expect(server.countRequests('device')).toBe(50);
    expect(Math.max(...inFlight)).toBe(4);
    const capabilities = coordinator.snapshot.devices.flatMap((e) => e.device.capabilities);
    expect(capabilities).toHaveLength(50 * 70);
  });
});
