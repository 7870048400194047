import { describe, expect, it } from 'vitest';

import {
  ConfigurationError,
  NetworkError,
  RateLimitedError,
  ReauthorizationRequiredError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../../src/shared/errors.js';
import type { Fault } from '../../src/testing/index.js';
import { START_MS, flush, useClientHarness } from './harness.js';

const start = useClientHarness();

/** Full jitter at the harness's fixed 0.5: half of 400, 800, 1600, 3200 ms. */
const BACKOFF_MS = [200, 400, 800, 1_600];

async function failing(fault: Fault, times: number, options = {}) {
  const harness = await start(options);
  harness.server.faults.add({ route: 'homes', times, fault });
  const outcome = await harness
    .settle(harness.client.getHomes())
    .then((value) => ({ value }), (error: unknown) => ({ error }));
  const attempts = harness.server.countRequests('homes');
  const waits = harness.clock.scheduled.filter((ms) => ms !== 15_000 && ms < 15_000);
  return { ...harness, outcome, attempts, waits };
}

describe('retries (B2, B3, B6)', () => {
  it.each([500, 502, 503])('retries %i with full-jitter backoff, then succeeds', async (status) => {
    const { outcome, attempts, waits } = await failing({ kind: 'status', status }, 2);

    expect(outcome).toHaveProperty('value');
    expect(attempts).toBe(3);
    expect(waits).toEqual(BACKOFF_MS.slice(0, 2));
  });

  it('gives up after five attempts with the last error', async () => {
    const { outcome, attempts, waits } = await failing({ kind: 'status', status: 503 }, 10);

    expect(attempts).toBe(5);
    expect(waits).toEqual(BACKOFF_MS);
    expect('error' in outcome && outcome.error).toBeInstanceOf(ServerError);
    expect('error' in outcome && outcome.error).toMatchObject({ status: 503 });
  });

  it('retries a 429 without Retry-After like a 5xx, then defers with the time', async () => {
    const { outcome, attempts, waits, clock } = await failing({ kind: 'status', status: 429 }, 10);

    expect(attempts).toBe(5);
    expect(waits).toEqual(BACKOFF_MS);
    expect('error' in outcome && outcome.error).toBeInstanceOf(RateLimitedError);
    expect('error' in outcome && outcome.error).toMatchObject({ retryAtMs: clock.now() + 60_000 });
  });

  it.each([
    [400, ConfigurationError],
    [403, ConfigurationError],
    [404, Error],
    [504, ServerError],
  ])('does not retry %i', async (status, errorClass) => {
    const { outcome, attempts } = await failing({ kind: 'status', status }, 10);

    expect(attempts).toBe(1);
    expect('error' in outcome && outcome.error).toBeInstanceOf(errorClass);
  });

  it('names method, path and status, and the problem detail, in the message', async () => {
    const { outcome } = await failing({
      kind: 'status',
      status: 403,
      body: { kind: 'json', value: { title: 'Forbidden', detail: 'Scope missing.' } },
    }, 1);

    expect('error' in outcome && (outcome.error as Error).message).toBe(
      'GET /v1/homes answered 403: Scope missing.',
    );
  });

  it.each([
    ['an HTML 502 page', { kind: 'html', status: 502 } as const, ServerError, 5],
    ['a plain-text 500', { kind: 'text', status: 500, text: 'gone' } as const, ServerError, 5],
    ['an HTML 403 page', { kind: 'html', status: 403 } as const, ConfigurationError, 1],
    ['truncated JSON', { kind: 'truncatedJson' } as const, ResponseValidationError, 1],
  ])('types %s without crashing', async (_name, fault, errorClass, attempts) => {
    const result = await failing(fault, 10);

    expect(result.attempts).toBe(attempts);
    expect('error' in result.outcome && result.outcome.error).toBeInstanceOf(errorClass);
  });

  it('reads JSON under a wrong content type', async () => {
    const { outcome, attempts } = await failing({ kind: 'wrongContentType' }, 1);

    expect(outcome).toHaveProperty('value');
    expect(attempts).toBe(1);
  });

  it('retries a reset connection as a network failure', async () => {
    const { outcome, attempts } = await failing({ kind: 'reset' }, 1);

    expect(outcome).toHaveProperty('value');
    expect(attempts).toBe(2);
  });

  it('retries a reset in the middle of the body', async () => {
    const { outcome, attempts } = await failing({ kind: 'resetMidBody' }, 5);

    expect(attempts).toBe(5);
    expect('error' in outcome && outcome.error).toBeInstanceOf(NetworkError);
  });
});

describe('Retry-After (B1)', () => {
  const retryAfter = (value: string): Fault => ({
    kind: 'status',
    status: 429,
    retryAfter: { kind: 'raw', value },
  });

  it.each([
    ['2 seconds', '2', 2_000 + 125],
    ['an HTTP-date 5 s ahead', new Date(START_MS + 5_000).toUTCString(), 5_000 + 125],
    ['a past date', new Date(START_MS - 60_000).toUTCString(), 125],
  ])('waits out %s plus jitter', async (_name, header, expectedWait) => {
    const { outcome, attempts, waits } = await failing(retryAfter(header), 1);

    expect(outcome).toHaveProperty('value');
    expect(attempts).toBe(2);
    expect(waits).toEqual([expectedWait]);
  });

  it.each([['-5'], ['soon'], ['1.5']])('ignores %j and backs off instead', async (header) => {
    const { attempts, waits } = await failing(retryAfter(header), 1);

    expect(attempts).toBe(2);
    expect(waits).toEqual([200]);
  });

  it('raises a wait beyond the call budget as a RateLimitedError, without sleeping', async () => {
    const { outcome, attempts, waits, clock } = await failing(retryAfter('86400'), 1);

    expect(attempts).toBe(1);
    expect(waits).toEqual([]);
    expect('error' in outcome && outcome.error).toBeInstanceOf(RateLimitedError);
    expect('error' in outcome && outcome.error).toMatchObject({
      retryAtMs: clock.now() + 3_600_000,
    });
  });

  it('holds every other call of the client back until the same moment (B4)', async () => {
    const { client, server, clock, settle } = await failing(retryAfter('120'), 1);
    const before = server.countRequests('any');

    const error: unknown = await settle(client.getHomes()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAtMs: START_MS + 120_000 });
    expect(server.countRequests('any')).toBe(before);
    clock.set(START_MS + 120_000);
    await expect(settle(client.getHomes())).resolves.toHaveProperty('items');
  });
});

describe('401 (A9)', () => {
  it('refreshes once and replays once', async () => {
    const { client, server, auth, settle } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'status', status: 401 } });

    await settle(client.getHomes());

    expect(auth.forcedRefreshes).toBe(1);
    expect(server.countRequests('homes')).toBe(2);
    expect(server.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${auth.current}`);
  });

  it('asks for a sign-in when the replay is refused too, whatever the provider says', async () => {
    const { client, server, auth, settle } = await start();
    server.faults.add({ route: 'homes', times: 2, fault: { kind: 'status', status: 401 } });

    await expect(settle(client.getHomes())).rejects.toBeInstanceOf(ReauthorizationRequiredError);
    // Told of both 401s: a provider that hands out yet another token is not believed.
    expect(auth.forcedRefreshes).toBe(2);
    expect(server.countRequests('homes')).toBe(2);
  });
});

describe('time-outs (B7, C11)', () => {
  it('ends an attempt that never answers after the attempt time-out, and retries', async () => {
    const { client, server, clock, settle } = await start();
    server.faults.add({ route: 'homes', fault: { kind: 'hang' } });

    const call = client.getHomes();
    await server.waitForRequest('homes', 1);
    expect(clock.pendingDelaysMs()).toEqual([15_000]);
    clock.advance(15_000);

    await expect(settle(call)).resolves.toHaveProperty('items');
    expect(server.countRequests('homes')).toBe(2);
  });

  it('keeps the whole call within its budget', async () => {
    const { client, server, clock, settle } = await start();
    server.faults.add({ route: 'homes', always: true, fault: { kind: 'hang' } });

    const call = client.getHomes().catch((e: unknown) => e);
    await server.waitForRequest('homes', 1);
    clock.advance(15_000);
    await flush();
    expect(clock.pendingDelaysMs()).toEqual([200]);
    clock.advance(200);
    await server.waitForRequest('homes', 2);
    expect(clock.pendingDelaysMs()).toEqual([30_000 - 15_200]);
    clock.advance(14_800);

    expect(await settle(call)).toBeInstanceOf(TimeoutError);
    expect(server.countRequests('homes')).toBe(2);
  });
});

describe('a ten-minute rate limit (B4)', () => {
  it('drops to a few requests a minute, and resumes at once when it lifts', async () => {
    const { client, server, clock, settle } = await start();
    const rule = server.faults.add({
      route: 'homes',
      always: true,
      fault: { kind: 'status', status: 429 },
    });
    const outcomes: string[] = [];

    for (let second = 0; second < 600; second += 10) {
      const startedAt = clock.now();
      const outcome = await settle(client.getHomes()).then(
        () => 'ok',
        (e: unknown) => (e instanceof RateLimitedError ? 'limited' : 'other'),
      );
      outcomes.push(outcome);
      clock.advance(Math.max(0, startedAt + 10_000 - clock.now()));
    }
    const duringLimit = server.countRequests('homes');
    rule.remove();
    clock.advance(60_000);
    const after = await settle(client.getHomes());

    expect(outcomes.every((o) => o === 'limited')).toBe(true);
    // Five attempts, then a minute's hold that later calls fail fast against, or wait out
    // when it ends within their budget: 23 requests where 60 calls unheld would make 300.
    expect(duringLimit).toBe(23);
    expect(after.items).toHaveLength(2);
  });
});
