import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock, MockTibberServer, ScenarioBuilder } from 'tibber-data/testing';

let clock: ManualClock;
let tibber: MockTibberServer;

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const scenario = new ScenarioBuilder({ seed: 1 })
    .home('home', { name: 'Home', timeZone: 'Europe/Oslo' })
    .vehicle('car', { homes: ['home'], name: 'Family car', brand: 'Volkswagen', model: 'ID.4' })
    .build();
  tibber = await MockTibberServer.start({ scenario, clock, scheduler: clock });
});

afterEach(() => tibber.close());

function get(path: string, accessToken: string): Promise<Response> {
  return fetch(new URL(path, tibber.endpoints.dataApi), {
    headers: { authorization: `Bearer ${accessToken}`, 'user-agent': 'MyHub/1.0.0' },
  });
}

it('answers 503 with Retry-After once, then lists the home', async () => {
  const { accessToken } = tibber.issueTokens();
  tibber.faults.add({
    route: 'homes',
    fault: { kind: 'status', status: 503, retryAfter: { kind: 'seconds', seconds: 2 } },
  });

  const refused = await get('/v1/homes', accessToken);
  expect(refused.status).toBe(503);
  expect(refused.headers.get('retry-after')).toBe('2');

  const listed = await get('/v1/homes', accessToken);
  expect(await listed.json()).toMatchObject({ homes: [{ name: 'Home' }] });
  expect(tibber.countRequests('homes')).toBe(2);
});

it('expires access tokens on its own clock', async () => {
  const { accessToken } = tibber.issueTokens();

  clock.advance(60 * 60 * 1000 + 1);

  expect((await get('/v1/homes', accessToken)).status).toBe(401);
});
