import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, expect, it } from 'vitest';
import { EncryptedFileTokenStore, OAuthSessionManager } from 'tibber-data';
import { DEFAULT_MOCK_CLIENT, MockTibberServer, createDemoScenario } from 'tibber-data/testing';

let tibber: MockTibberServer | undefined;
let dir = '';
afterEach(async () => {
  await tibber?.close();
  await rm(dir, { recursive: true, force: true });
});

it('signs in once, then hands out access tokens', async () => {
  tibber = await MockTibberServer.start({ scenario: createDemoScenario() });
  dir = await mkdtemp(join(tmpdir(), 'hub-'));

  const auth = new OAuthSessionManager({
    issuer: tibber.issuer, // leave out for Tibber's own identity server
    clientId: DEFAULT_MOCK_CLIENT.clientId,
    clientSecret: DEFAULT_MOCK_CLIENT.clientSecret,
    redirectUri: 'http://127.0.0.1:8765/callback',
    userAgent: 'MyHub/1.0.0',
    store: new EncryptedFileTokenStore({
      path: join(dir, 'tibber-tokens.json'),
      key: randomBytes(32), // in a hub: leave out, and set TIBBER_DATA_TOKEN_KEY
    }),
  });
  auth.on('reauthRequired', ({ reason }) => {
    console.warn(`Sign in to Tibber again (${reason})`);
  });

  // Step one: send the user to `url`, and keep `pending` until the callback comes.
  const { url, pending } = await auth.beginAuthorization();
  // The mock approves at once; Tibber asks the user, then redirects to the redirect URI.
  const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';

  // Step two: the URL the browser was sent back to, with its code and state.
  const session = await auth.completeAuthorization(callback, pending);

  expect(session.userId).toBe(tibber.user.sub);
  expect(await auth.getAccessToken()).toBe(session.accessToken);
  expect(String(session)).not.toContain(session.accessToken);
});
