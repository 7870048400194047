import type { Logger } from '../shared/logger.js';
import type { Account } from './account.js';
import { requireSession } from './account.js';
import type { CliContext } from './context.js';
import { formatDuration } from './durations.js';
import { showLive } from './live-view.js';
import { RunUntilStopped } from './signals.js';

export interface WatchOptions {
  readonly pollIntervalMs: number;
  readonly durationMs?: number;
  readonly json: boolean;
  readonly all: boolean;
  readonly logger: Logger;
}

/** The account's household, then each change, until Ctrl-C, SIGTERM or `--duration`. */
export function runWatch(
  context: CliContext,
  account: Account,
  options: WatchOptions,
): Promise<void> {
  return RunUntilStopped.during(context, options.durationMs, async (run) => {
    await requireSession(account);
    const every = formatDuration(options.pollIntervalMs);
    context.output.status(`Polling Tibber every ${every}; Ctrl-C stops.`);
    await showLive({
      context,
      client: account.client,
      pollIntervalMs: options.pollIntervalMs,
      run,
      logger: options.logger,
      json: options.json,
      all: options.all,
    });
  });
}
