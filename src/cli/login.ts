import { createInterface } from 'node:readline';

import { TokenStoreError } from '../shared/errors.js';
import { isLoopbackUrl } from '../shared/loopback.js';
import type { Account } from './account.js';
import { CallbackListener } from './callback-listener.js';
import type { CliContext } from './context.js';
import { CommandFailure, ExitCode } from './exit-codes.js';
import { formatDuration } from './durations.js';
import { RunUntilStopped } from './signals.js';

export interface LoginOptions {
  /** Listen on the loopback redirect URI (default when it is one). */
  readonly listen: boolean;
  readonly timeoutMs: number;
  readonly json: boolean;
}

/**
 * The authorization-code flow from a terminal: print the URL, then take the callback from
 * a loopback listener or from a pasted URL (a headless hub, where the browser runs
 * elsewhere), and save the session in the encrypted token file.
 */
export function runLogin(
  context: CliContext,
  account: Account,
  options: LoginOptions,
): Promise<void> {
  return RunUntilStopped.during(context, options.timeoutMs, (run) =>
    signIn(context, account, options, run),
  );
}

async function signIn(
  context: CliContext,
  account: Account,
  options: LoginOptions,
  run: RunUntilStopped,
): Promise<void> {
  const { output } = context;
  const redirectUri = new URL(account.settings.redirectUri);
  await sayWhatIsReplaced(context, account);
  const { url, pending } = await account.auth.beginAuthorization();

  const listener = options.listen && redirectUri.protocol === 'http:' && isLoopbackUrl(redirectUri)
    ? await listenOrExplain(redirectUri, context)
    : undefined;
  const pasted = pastedCallback(context.stdin, redirectUri, (line) => {
    output.status(`Not an address on ${redirectUri.origin}${redirectUri.pathname}: ${line}`);
  });
  try {
    if (options.json) output.line(JSON.stringify({ type: 'authorize', url: url.href }));
    else {
      output.line('Open this address in a browser and approve tibber-data:');
      output.line();
      output.line(`  ${url.href}`);
      output.line();
    }
    output.status(
      listener === undefined
        ? `Then paste the address the browser was sent to (${redirectUri.origin}…) here.`
        : `Waiting for the browser at ${redirectUri.href}; if it runs on another machine, ` +
            'paste the address it ends up on here.',
    );
    const callbacks = [pasted.callback, ...(listener === undefined ? [] : [listener.callback])];
    const outcome = await Promise.race([
      ...callbacks.map(async (callback) => ({ kind: 'callback' as const, url: await callback })),
      run.stopped,
    ]);
    if (outcome.kind === 'signal') {
      throw new CommandFailure('Sign-in interrupted; nothing was saved', ExitCode.interrupted);
    }
    if (outcome.kind !== 'callback') {
      throw new CommandFailure(
        `No answer from the browser within ${formatDuration(options.timeoutMs)}; ` +
          'run `tibber-data login` again',
        ExitCode.signInRequired,
      );
    }
    const session = await account.auth.completeAuthorization(outcome.url, pending);
    const report = await account.auth.scopeReport();
    const missing = report?.missingScopes ?? [];
    if (options.json) {
      output.line(JSON.stringify({
        type: 'signedIn',
        userId: session.userId,
        scopes: [...session.scopes],
        missingScopes: [...missing],
        tokenFile: account.settings.tokenFile,
      }));
    } else {
      output.line(`Signed in as Tibber user ${session.userId}.`);
      output.line(`Session saved, encrypted, to ${account.settings.tokenFile}.`);
    }
    if (missing.length > 0) {
      output.status(
        `Tibber did not grant ${missing.join(', ')}: ` +
          (report?.canPoll === false
            ? 'the session cannot be kept fresh; sign in again and approve every scope.'
            : 'devices needing them stay hidden; approve every scope to see them.'),
      );
    }
  } finally {
    pasted.close();
    await listener?.close();
  }
}

/** A login replaces the saved session, even one this key cannot read: say so first. */
async function sayWhatIsReplaced(context: CliContext, account: Account): Promise<void> {
  const { tokenFile } = account.settings;
  try {
    const session = await account.auth.session();
    if (session !== undefined) {
      context.output.status(
        `Approving replaces the session of Tibber user ${session.userId} in ${tokenFile}.`,
      );
    }
  } catch (error) {
    if (!(error instanceof TokenStoreError) || error.failure === 'io') throw error;
    context.output.status(
      `The session in ${tokenFile} cannot be read with this key (${error.failure}); ` +
        'approving replaces it.',
    );
  }
}

async function listenOrExplain(
  redirectUri: URL,
  context: CliContext,
): Promise<CallbackListener | undefined> {
  try {
    return await CallbackListener.listen(redirectUri);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    context.output.status(
      `Cannot listen on ${redirectUri.host} (${code}); paste the callback address instead.`,
    );
    return undefined;
  }
}

/** The first pasted line that is an address on the redirect URI's origin. */
function pastedCallback(
  stdin: NodeJS.ReadableStream,
  redirectUri: URL,
  onOther: (line: string) => void,
): { callback: Promise<string>; close: () => void } {
  const lines = createInterface({ input: stdin, terminal: false });
  const callback = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      const text = line.trim();
      if (text === '') return;
      const url = URL.canParse(text) ? new URL(text) : undefined;
      if (url?.origin === redirectUri.origin && url.pathname === redirectUri.pathname) {
        resolve(url.href);
      } else {
        onOther(url === undefined ? 'not a URL' : `${url.origin}${url.pathname}`);
      }
    });
  });
  return { callback, close: () => { lines.close(); } };
}
