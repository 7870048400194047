import { describe, expect, it } from 'vitest';

import { HOUR_MS, useAuthHarness } from './harness.js';
import { fileStore, useTempDir } from './stores/helpers.js';

const start = useAuthHarness();
const dir = useTempDir();

describe('two holders of one store', () => {
  it('refresh once between them: the second uses what the first saved', async () => {
    const harness = await start();
    const { advance, newManager, signIn, tokenRequests } = harness;
    await signIn();
    const [first, second] = [newManager(), newManager()];
    advance(HOUR_MS);

    const [a, b] = await Promise.all([first.getAccessToken(), second.getAccessToken()]);

    expect(a).toBe(b);
    expect(tokenRequests('refresh_token')).toBe(1);
  });

  it('refresh once between two file stores on the same path, as two processes would', async () => {
    const path = dir.file();
    const harness = await start({ store: fileStore(path) });
    const { advance, newManager, signIn, tokenRequests } = harness;
    await signIn();
    const first = newManager({ store: fileStore(path) });
    const second = newManager({ store: fileStore(path) });
    const stale = await second.session();
    advance(HOUR_MS);

    const a = await first.getAccessToken();
    const b = await second.getAccessToken();

    expect(a).toBe(b);
    expect(a).not.toBe(stale?.accessToken);
    expect(tokenRequests('refresh_token')).toBe(1);
  });
});
