import { resolve } from 'node:path';

import { TibberDataCoordinator } from '../coordinator/index.js';
import { buildDiagnostics } from '../entities/index.js';
import type { Logger } from '../shared/logger.js';
import { libraryIdentity } from '../shared/version.js';
import type { Account } from './account.js';
import { requireSession } from './account.js';
import type { CliContext } from './context.js';
import { writeOutputFile } from './output-file.js';

export interface DiagnosticsOptions {
  /** Write here (mode 600) instead of stdout. */
  readonly outputPath?: string;
  readonly logger: Logger;
}

/**
 * One poll, then the redacted dump a bug report needs: what the coordinator saw, how the
 * poll went, the session's shape. Ids, tokens, VINs, e-mails and places are fingerprints.
 * A failed poll is part of the dump, not a reason to have none.
 */
export async function runDiagnostics(
  context: CliContext,
  account: Account,
  options: DiagnosticsOptions,
): Promise<void> {
  const session = await requireSession(account);
  const { client } = account;
  const coordinator = new TibberDataCoordinator({ client, logger: options.logger });
  const recentErrors: Error[] = [];
  try {
    await coordinator.start();
  } catch (error) {
    if (error instanceof Error) recentErrors.push(error);
  } finally {
    coordinator.stop();
  }
  const { name, version } = libraryIdentity();
  const dump = {
    tool: {
      name: `${name} diagnostics`,
      version,
      node: process.version,
      platform: process.platform,
    },
    ...asObject(buildDiagnostics({
      snapshot: coordinator.snapshot,
      coordinator,
      session: (await account.auth.session()) ?? session,
      recentErrors,
    })),
  };
  const text = `${JSON.stringify(dump, null, 2)}\n`;
  if (options.outputPath === undefined) {
    context.output.line(text.trimEnd());
    return;
  }
  const path = resolve(context.cwd, options.outputPath);
  // Also when `diagnostics > file` made it first, with the umask's 644.
  await writeOutputFile(path, text, 0o600);
  context.output.status(`Wrote the redacted diagnostics to ${path}; attach it to your issue.`);
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : { diagnostics: value };
}
