import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, beforeEach } from 'vitest';

import { EncryptedFileTokenStore, OAuthSessionManager } from '../../src/index.js';
import type { Scenario } from '../../src/testing/index.js';
import {
  DEFAULT_MOCK_CLIENT,
  MockTibberServer,
  createDemoScenario,
} from '../../src/testing/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * How long a child may take to print what a test waits for. Never a pause: the wait ends
 * at the line; this only keeps a broken command from hanging the suite.
 */
const PATIENCE_MS = 15_000;

export interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliProcess {
  /**
   * Resolves with the `occurrence`th line (default the first) on the stream that matches,
   * already printed or later.
   */
  line(pattern: RegExp, stream?: 'stdout' | 'stderr', occurrence?: number): Promise<string>;
  write(text: string): void;
  endInput(): void;
  signal(signal: NodeJS.Signals): void;
  readonly exited: Promise<Exit>;
}

const running = new Set<ReturnType<typeof spawn>>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

/**
 * `tibber-data …` as a user runs it, in a child process, with only the environment given:
 * nothing of the developer's own TIBBER_DATA_* settings leaks in.
 */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], HOME: tmpdir(), NO_COLOR: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const text = { stdout: '', stderr: '' };
  interface Waiter {
    readonly stream: 'stdout' | 'stderr';
    readonly pattern: RegExp;
    readonly occurrence: number;
    readonly found: (line: string) => void;
  }
  const waiters: Waiter[] = [];
  const check = (): void => {
    for (const waiter of [...waiters]) {
      const matches = text[waiter.stream].split('\n').filter((line) => waiter.pattern.test(line));
      const match = matches[waiter.occurrence - 1];
      if (match !== undefined) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.found(match);
      }
    }
  };
  child.stdout.on('data', (chunk: Buffer) => {
    text.stdout += chunk.toString('utf8');
    check();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    text.stderr += chunk.toString('utf8');
    check();
  });
  const exited = new Promise<Exit>((resolveExit) => {
    child.on('close', (code) => {
      running.delete(child);
      resolveExit({ code, stdout: text.stdout, stderr: text.stderr });
    });
  });

  return {
    exited,
    line: (pattern, stream = 'stdout', occurrence = 1) =>
      new Promise((found, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no ${stream} line matching ${String(pattern)}:\n` +
            `stdout: ${text.stdout}\nstderr: ${text.stderr}`));
        }, PATIENCE_MS);
        waiters.push({ stream, pattern, occurrence, found: (line) => {
          clearTimeout(timer);
          found(line);
        } });
        check();
        void exited.then(() => {
          check();
        });
      }),
    write: (input) => {
      child.stdin.write(input);
    },
    endInput: () => {
      child.stdin.end();
    },
    signal: (signal) => {
      child.kill(signal);
    },
  };
}

/** Runs a command to its end with no input. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Exit> {
  const cli = startCli(args, env);
  cli.endInput();
  return cli.exited;
}

/** Makes temporary folders for token and output files, each removed after its test. */
export function useTempDirs(): () => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  return async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tibber-cli-'));
    made.push(dir);
    return dir;
  };
}

export interface AccountFixture {
  readonly env: NodeJS.ProcessEnv;
  readonly tokenFile: string;
  readonly key: string;
}

/** The environment a command needs to use the mock as its Tibber, without a session yet. */
export function accountEnv(server: MockTibberServer, dir: string): AccountFixture {
  const key = randomBytes(32).toString('base64');
  const tokenFile = join(dir, 'session.json');
  return {
    key,
    tokenFile,
    env: {
      TIBBER_DATA_CLIENT_ID: DEFAULT_MOCK_CLIENT.clientId,
      TIBBER_DATA_CLIENT_SECRET: DEFAULT_MOCK_CLIENT.clientSecret,
      TIBBER_DATA_TOKEN_KEY: key,
      TIBBER_DATA_TOKEN_FILE: tokenFile,
      TIBBER_DATA_ISSUER: server.issuer,
      TIBBER_DATA_API_URL: server.endpoints.dataApi,
    },
  };
}

/** The fixture with a session already saved, as `tibber-data login` leaves it. */
export async function signedInAccount(
  server: MockTibberServer,
  dir: string,
): Promise<AccountFixture & { readonly auth: OAuthSessionManager }> {
  const fixture = accountEnv(server, dir);
  const auth = sessionManager(server, fixture);
  const { url, pending } = await auth.beginAuthorization();
  const approval = await fetch(url, { redirect: 'manual' });
  await auth.completeAuthorization(approval.headers.get('location') ?? '', pending);
  return { ...fixture, auth };
}

/** A session manager over the fixture's token file, as the command builds one. */
export function sessionManager(
  server: MockTibberServer,
  fixture: AccountFixture,
): OAuthSessionManager {
  return new OAuthSessionManager({
    issuer: server.issuer,
    clientId: DEFAULT_MOCK_CLIENT.clientId,
    clientSecret: DEFAULT_MOCK_CLIENT.clientSecret,
    redirectUri: DEFAULT_MOCK_CLIENT.redirectUris[0] ?? '',
    userAgent: 'CliTest/1.0.0',
    store: new EncryptedFileTokenStore({ path: fixture.tokenFile, key: fixture.key }),
  });
}

export interface DemoTibber {
  readonly server: MockTibberServer;
  readonly scenario: Scenario;
}

/** The demo household on a mock Tibber, started for each test and closed after it. */
export function useDemoTibber(): DemoTibber {
  let current: DemoTibber | undefined;
  beforeEach(async () => {
    const scenario = createDemoScenario();
    current = { scenario, server: await MockTibberServer.start({ scenario }) };
  });
  afterEach(async () => {
    await current?.server.close();
    current = undefined;
  });
  const now = (): DemoTibber => {
    if (current === undefined) throw new Error('useDemoTibber() serves inside a test only');
    return current;
  };
  return {
    get server() {
      return now().server;
    },
    get scenario() {
      return now().scenario;
    },
  };
}
