import { describe, expect, it } from 'vitest';

import { AdaptiveLimiter } from '../../src/api/adaptive-limiter.js';
import { flush, useClientHarness } from './harness.js';

const start = useClientHarness();

describe('device-detail fan-out', () => {
  it('keeps at most four details in flight, the rest queued in order', async () => {
    const { client, scenario, server, clock, settle } = await start();
    const homeId = scenario.homeId('main');
    const devices = (await client.getDevices(homeId)).items;
    const fault = { kind: 'latency', delayMs: 1_000 } as const;
    server.faults.add({ route: 'device', always: true, fault });

    const all = Promise.all(devices.map((d) => client.getDevice(homeId, d.deviceId)));
    await flush();
    expect(server.countRequests('device')).toBe(4);
    clock.advance(1_000);
    await settle(all);

    expect(server.countRequests('device')).toBe(devices.length);
  });

  it('halves on each 429, down to one', () => {
    const limiter = new AdaptiveLimiter(4);

    limiter.rateLimited();
    expect(limiter.limit).toBe(2);
    limiter.rateLimited();
    limiter.rateLimited();
    expect(limiter.limit).toBe(1);
  });

  it('grows back by one after four times as many successes as its limit', async () => {
    const limiter = new AdaptiveLimiter(4);
    limiter.rateLimited();
    limiter.rateLimited();
    const limits: number[] = [];

    for (let i = 0; i < 20; i++) {
      await limiter.run(() => Promise.resolve());
      limits.push(limiter.limit);
    }

    expect(limits).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('slows the client down when details are rate limited', async () => {
    const { client, scenario, server, settle } = await start();
    const homeId = scenario.homeId('main');
    server.faults.add({
      route: 'device',
      fault: { kind: 'status', status: 429, retryAfter: { kind: 'seconds', seconds: 1 } },
    });

    await settle(client.getDevice(homeId, scenario.deviceId('car')));

    expect(client.detailConcurrency).toBe(2);
  });
});

describe('conditional requests', () => {
  it('sends If-None-Match only after an ETag, and serves a 304 from the cached model', async () => {
    const { client, server } = await start({ server: { etags: true } });

    const first = await client.getHomes();
    const second = await client.getHomes();

    const [a, b] = server.requests.filter((r) => r.route === 'homes');
    expect(a?.headers['if-none-match']).toBeUndefined();
    expect(b?.headers['if-none-match']).toMatch(/^"[\w-]+"$/);
    expect(b?.status).toBe(304);
    expect(second).toBe(first);
  });

  it('never sends If-None-Match to a server that sends no ETag', async () => {
    const { client, server } = await start();

    await client.getHomes();
    await client.getHomes();

    expect(server.requests.every((r) => r.headers['if-none-match'] === undefined)).toBe(true);
  });
});

describe('aborting', () => {
  it('stops a call in flight when its signal aborts', async () => {
    const { client, server } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'hang' } });
    const controller = new AbortController();

    const call = client.getHomes({ signal: controller.signal }).catch((e: unknown) => e);
    await server.waitForRequest('homes', 1);
    controller.abort(new Error('stopped'));

    expect(await call).toEqual(new Error('stopped'));
    expect(server.countRequests('homes')).toBe(1);
  });
});
