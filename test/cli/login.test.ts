import { access } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import type { MockClient } from '../../src/testing/index.js';
import {
  DEFAULT_MOCK_CLIENT,
  MockTibberServer,
  createDemoScenario,
} from '../../src/testing/index.js';
import {
  accountEnv,
  sessionManager,
  signedInAccount,
  startCli,
  useTempDirs,
} from './cli-process.js';
import type { CliProcess, Exit } from './cli-process.js';

let server: MockTibberServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const tempDir = useTempDirs();

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The mock with a client whose redirect URI is a free loopback port the command listens on. */
async function mockWithRedirect(): Promise<{ server: MockTibberServer; redirectUri: string }> {
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const client: MockClient = {
    ...DEFAULT_MOCK_CLIENT,
    redirectUris: [...DEFAULT_MOCK_CLIENT.redirectUris, redirectUri],
  };
  server = await MockTibberServer.start({ scenario: createDemoScenario(), clients: [client] });
  return { server, redirectUri };
}

/** What the browser does: the user approves, Tibber redirects to the redirect URI. */
async function approve(authorizeUrl: string): Promise<string> {
  const approval = await fetch(authorizeUrl, { redirect: 'manual' });
  return approval.headers.get('location') ?? '';
}

/** The user opens the printed URL, approves, and the browser lands on the listener. */
async function approveInBrowser(cli: CliProcess): Promise<Exit> {
  const url = (await cli.line(/\/connect\/authorize\?/)).trim();
  await fetch(await approve(url));
  return cli.exited;
}

describe('tibber-data login', () => {
  it('prints the URL, takes the callback on the loopback redirect URI, saves the session',
    async () => {
      const { server: tibber, redirectUri } = await mockWithRedirect();
      const fixture = accountEnv(tibber, await tempDir());
      const cli = startCli(['login', '--redirect-uri', redirectUri], fixture.env);

      const url = (await cli.line(/^ {2}http:\/\/127\.0\.0\.1:\d+\/connect\/authorize\?/)).trim();
      await cli.line(/^Waiting for the browser at /, 'stderr');
      const callback = await approve(url);
      const landing = await fetch(callback);
      const { code, stdout, stderr } = await cli.exited;

      expect(landing.status).toBe(200);
      expect(await landing.text()).toContain('You can close this tab.');
      expect(code).toBe(0);
      expect(stdout).toContain(`\nSigned in as Tibber user ${tibber.user.sub}.\n`);
      expect(stdout).toContain(`Session saved, encrypted, to ${fixture.tokenFile}.\n`);
      const session = await sessionManager(tibber, fixture).session();
      expect(session?.userId).toBe(tibber.user.sub);
      for (const secret of [
        session?.accessToken,
        session?.refreshToken,
        DEFAULT_MOCK_CLIENT.clientSecret,
        fixture.key,
        new URL(callback).searchParams.get('code'),
      ]) {
        expect(secret).toBeTruthy();
        expect(stdout + stderr).not.toContain(secret);
      }
    });

  it('takes a pasted callback address on a headless machine', async () => {
    const { server: tibber, redirectUri } = await mockWithRedirect();
    const fixture = accountEnv(tibber, await tempDir());
    const cli = startCli(['login', '--no-listen', '--json', '--redirect-uri', redirectUri],
      fixture.env);

    const { url } = JSON.parse(await cli.line(/"type":"authorize"/)) as { url: string };
    await cli.line(/^Then paste the address the browser was sent to/, 'stderr');
    cli.write('not a url\n');
    await cli.line(/^Not an address on http:\/\/127\.0\.0\.1:\d+\/callback: not a URL$/, 'stderr');
    cli.write(`${await approve(url)}\n`);
    const { code, stdout } = await cli.exited;

    expect(code).toBe(0);
    const signedIn = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Record<string, unknown>;
    expect(signedIn).toEqual({
      type: 'signedIn',
      userId: tibber.user.sub,
      scopes: expect.arrayContaining(['offline_access']) as unknown,
      missingScopes: [],
      tokenFile: fixture.tokenFile,
    });
  });

  it('says whose session a login replaces', async () => {
    const { server: tibber, redirectUri } = await mockWithRedirect();
    const fixture = await signedInAccount(tibber, await tempDir());
    const cli = startCli(['login', '--redirect-uri', redirectUri], fixture.env);

    const { code, stderr } = await approveInBrowser(cli);

    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(
      `Approving replaces the session of Tibber user ${tibber.user.sub} in ${fixture.tokenFile}.`,
    );
  });

  it('replaces a session saved with another key, after saying so', async () => {
    const { server: tibber, redirectUri } = await mockWithRedirect();
    const dir = await tempDir();
    await signedInAccount(tibber, dir);
    const fixture = accountEnv(tibber, dir);
    const cli = startCli(['login', '--redirect-uri', redirectUri], fixture.env);

    const { code, stderr } = await approveInBrowser(cli);

    expect(code).toBe(0);
    expect(stderr.split('\n')[0]).toBe(
      `The session in ${fixture.tokenFile} cannot be read with this key (key_unknown); ` +
        'approving replaces it.',
    );
    await expect(sessionManager(tibber, fixture).session()).resolves.toMatchObject({
      userId: tibber.user.sub,
    });
  });

  it('exits 130 on Ctrl-C and saves nothing', async () => {
    const { server: tibber, redirectUri } = await mockWithRedirect();
    const fixture = accountEnv(tibber, await tempDir());
    const cli = startCli(['login', '--redirect-uri', redirectUri], fixture.env);

    await cli.line(/^Waiting for the browser at /, 'stderr');
    cli.signal('SIGINT');
    const { code, stderr } = await cli.exited;

    expect(code).toBe(130);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(
      'tibber-data: Sign-in interrupted; nothing was saved',
    );
    await expect(access(fixture.tokenFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('gives up after --timeout with exit 4', async () => {
    const { server: tibber, redirectUri } = await mockWithRedirect();
    const fixture = accountEnv(tibber, await tempDir());
    const cli = startCli(['login', '--timeout', '300ms', '--redirect-uri', redirectUri],
      fixture.env);
    const { code, stderr } = await cli.exited;

    expect(code).toBe(4);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe(
      'tibber-data: No answer from the browser within 300ms; run `tibber-data login` again',
    );
  });

  it('refuses to start without a token key, and says how to make one', async () => {
    server = await MockTibberServer.start({ scenario: createDemoScenario() });
    const { env } = accountEnv(server, await tempDir());
    const cli = startCli(['login'], { ...env, TIBBER_DATA_TOKEN_KEY: undefined });
    const { code, stdout, stderr } = await cli.exited;

    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'tibber-data: No token key: run `tibber-data keygen` and set TIBBER_DATA_TOKEN_KEY as ' +
        'it says; the session is saved encrypted with it\n',
    );
  });

  it('refuses to start without a client secret, which is never a flag', async () => {
    server = await MockTibberServer.start({ scenario: createDemoScenario() });
    const { env } = accountEnv(server, await tempDir());
    const cli = startCli(['login'], { ...env, TIBBER_DATA_CLIENT_SECRET: undefined });
    const { code, stderr } = await cli.exited;

    expect(code).toBe(3);
    expect(stderr).toBe(
      'tibber-data: No OAuth client secret: set TIBBER_DATA_CLIENT_SECRET, or put clientSecret ' +
        'in the config file (never a flag: ps shows flags)\n',
    );
  });
});
