import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { EncryptedFileTokenStore } from '../../src/index.js';
import { runCli } from './cli-process.js';

it('prints a fresh key as an environment line, and where it goes on stderr', async () => {
  const first = await runCli(['keygen']);
  const second = await runCli(['keygen', '--json']);

  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^TIBBER_DATA_TOKEN_KEY=[A-Za-z0-9+/]{43}=\n$/);
  expect(first.stderr).toMatch(/^Put it in the environment of every tibber-data process/);
  const { env, key } = JSON.parse(second.stdout) as { env: string; key: string };
  expect(env).toBe('TIBBER_DATA_TOKEN_KEY');
  expect(first.stdout).not.toContain(key);

  const dir = await mkdtemp(join(tmpdir(), 'keygen-'));
  try {
    const store = new EncryptedFileTokenStore({
      path: join(dir, 'session.json'),
      env: { TIBBER_DATA_TOKEN_KEY: key },
    });
    await expect(store.load()).resolves.toBeUndefined();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('warns that a new key cannot read a session saved with the old one', async () => {
  const { code, stderr } = await runCli(['keygen'], { TIBBER_DATA_TOKEN_KEY: 'x'.repeat(44) });

  expect(code).toBe(0);
  expect(stderr).toMatch(/^TIBBER_DATA_TOKEN_KEY is already set: a session saved with the old /);
});
