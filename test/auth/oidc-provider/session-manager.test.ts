import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MemoryTokenStore } from '../../../src/auth/memory-token-store.js';
import type { ReauthRequiredEvent } from '../../../src/auth/session-events.js';
import { OAuthSessionManager } from '../../../src/auth/session-manager.js';
import { ManualClock } from '../../../src/testing/index.js';
import type { OidcProviderHarness } from './harness.js';
import { OIDC_TEST_SUBJECT, startOidcProvider } from './harness.js';

const HOUR_MS = 3_600_000;
let provider: OidcProviderHarness | undefined;

beforeEach(() => {
  // The provider reads Date for token lifetimes: only Date is faked, never timers.
  vi.useFakeTimers({ toFake: ['Date'] });
});

afterEach(async () => {
  vi.useRealTimers();
  await provider?.close();
  provider = undefined;
});

/** Moves our clock and the provider's Date together. */
function advance(clock: ManualClock, ms: number): void {
  clock.advance(ms);
  vi.setSystemTime(clock.now());
}

/**
 * The session manager against panva's oidc-provider, a certified OpenID provider, with
 * refresh-token rotation and reuse detection on: our client, proven beyond our own mock.
 */
async function signedInAgainstProvider() {
  provider = await startOidcProvider();
  const store = new MemoryTokenStore();
  const clock = new ManualClock(Date.now());
  const reauthEvents: ReauthRequiredEvent[] = [];
  const newManager = (): OAuthSessionManager => {
    const manager = new OAuthSessionManager({
      clientId: provider?.client.clientId ?? '',
      clientSecret: provider?.client.clientSecret ?? '',
      redirectUri: provider?.client.redirectUri ?? '',
      issuer: provider?.issuer ?? '',
      store,
      userAgent: 'ProviderTests/1.0.0',
      clock,
      scheduler: clock,
    });
    manager.on('reauthRequired', (event) => reauthEvents.push(event));
    return manager;
  };

  const manager = newManager();
  // oidc-provider grants offline_access only to a request that prompts for consent.
  const { url, pending } = await manager.beginAuthorization({ prompt: 'consent' });
  const session = await manager.completeAuthorization(await provider.approve(url), pending);
  return { provider, store, clock, manager, session, reauthEvents, newManager };
}

describe('OAuthSessionManager against oidc-provider', () => {
  it('signs in with PKCE and reads the user from the ID token', async () => {
    const { provider, session, store } = await signedInAgainstProvider();

    expect(session.userId).toBe(OIDC_TEST_SUBJECT);
    expect(session.scopes).toEqual(
      expect.arrayContaining(['offline_access', 'data-api-homes-read']),
    );
    expect(await store.load()).toEqual(session);
    expect(provider.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 0 });
  });

  it('rotates through a day of hourly refreshes with concurrent callers, no reuse', async () => {
    const { provider, clock, manager, store, reauthEvents, newManager } =
      await signedInAgainstProvider();
    const seen = new Set<string>();

    for (let hour = 1; hour <= 24; hour++) {
      advance(clock, HOUR_MS);
      const target = hour === 12 ? newManager() : manager;
      const tokens = await Promise.all(Array.from({ length: 5 }, () => target.getAccessToken()));
      expect(new Set(tokens).size).toBe(1);
      const refreshToken = (await store.load())?.refreshToken ?? '';
      expect(seen.has(refreshToken)).toBe(false);
      seen.add(refreshToken);
    }

    expect(provider.tokenRequests()).toEqual({ authorization_code: 1, refresh_token: 24 });
    expect(reauthEvents).toEqual([]);
  });
});
