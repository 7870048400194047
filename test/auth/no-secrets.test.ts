import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { pendingAuthorizationFields } from '../../src/auth/pending-authorization.js';
import { DEFAULT_MOCK_CLIENT } from '../../src/testing/index.js';
import { KEY_A, fileStore, useTempDir } from './stores/helpers.js';
import { HOUR_MS, approve, useAuthHarness } from './harness.js';

const start = useAuthHarness();
const dir = useTempDir();

/** Every form a value takes on its way to a log, a report or a screen, causes included. */
function renderings(value: unknown): string[] {
  const forms = [
    String(value),
    `${JSON.stringify(value) as string | undefined}`,
    inspect(value, { depth: Infinity, showHidden: true }),
  ];
  if (value instanceof Error) {
    forms.push(value.stack ?? '');
    if (value.cause !== undefined) forms.push(...renderings(value.cause));
  }
  return forms;
}

describe('no secret leaves the session manager in clear', () => {
  it('keeps tokens, codes, the verifier, the secret and the key out of everything', async () => {
    const path = dir.file();
    const harness = await start({ store: fileStore(path) });
    const { manager, server, advance, logger } = harness;
    const outputs: unknown[] = [];
    const failure = async (run: () => Promise<unknown>): Promise<void> => {
      outputs.push(await run().then(() => new Error('expected a failure'), (e: unknown) => e));
    };

    const { url, pending } = await manager.beginAuthorization();
    const callback = await approve(url);
    const code = callback.searchParams.get('code') ?? '';
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged');
    await failure(() => manager.completeAuthorization(forged, pending));
    const session = await manager.completeAuthorization(callback, pending);
    await failure(() => manager.completeAuthorization(callback, pending));
    outputs.push(session, pending, url);

    advance(HOUR_MS);
    const refreshed = await manager.getAccessToken();
    for (const fault of [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429 },
      { kind: 'html', status: 403 },
      { kind: 'oauthError', error: 'invalid_client' },
      { kind: 'reset' },
    ] as const) {
      advance(HOUR_MS);
      server.faults.add({ route: 'token', fault });
      await failure(() => manager.getAccessToken());
    }
    advance(HOUR_MS);
    const beforeRevocation = (await harness.store.load())?.refreshToken ?? '';
    server.revokeRefreshTokens();
    await failure(() => manager.getAccessToken());
    outputs.push(...harness.reauthEvents);

    const secrets = [
      DEFAULT_MOCK_CLIENT.clientSecret,
      session.accessToken,
      session.refreshToken,
      refreshed,
      beforeRevocation,
      code,
      pending.codeVerifier,
      KEY_A,
    ];
    expect(secrets.every((secret) => secret.length >= 20)).toBe(true);
    const seen = [
      ...outputs.flatMap(renderings),
      logger.dump(),
      await readFile(path, 'utf8'),
    ].join('\n');
    for (const secret of secrets) expect(seen).not.toContain(secret);
    expect(logger.entries.some((entry) => entry.level === 'debug')).toBe(true);
    expect(pendingAuthorizationFields(pending).codeVerifier).toBe(pending.codeVerifier);
  });
});
