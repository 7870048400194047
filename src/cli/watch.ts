import { systemClock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { Account } from './account.js';
import { requireSession } from './account.js';
import type { CliContext } from './context.js';
import { formatDuration } from './durations.js';
import { LiveView } from './live-view.js';
import { runLiveSession } from './live-session.js';
import { RunUntilStopped } from './signals.js';
import { describeStop } from './stop-text.js';

export interface WatchOptions {
  readonly pollIntervalMs: number;
  readonly durationMs?: number;
  readonly json: boolean;
  readonly all: boolean;
  readonly logger: Logger;
}

/** The account's household, then each change, until Ctrl-C, SIGTERM or `--duration`. */
export async function runWatch(
  context: CliContext,
  account: Account,
  options: WatchOptions,
): Promise<void> {
  const run = RunUntilStopped.begin(context, options.durationMs);
  try {
    await requireSession(account);
    await watchUntilStopped(context, account, options, run);
  } finally {
    run.dispose();
  }
}

async function watchUntilStopped(
  context: CliContext,
  account: Account,
  options: WatchOptions,
  run: RunUntilStopped,
): Promise<void> {
  const view = new LiveView({
    output: context.output,
    json: options.json,
    all: options.all,
    clock: systemClock,
  });
  const every = formatDuration(options.pollIntervalMs);
  context.output.status(`Polling Tibber every ${every}; Ctrl-C stops.`);
  const reason = await runLiveSession({
    context,
    client: account.client,
    pollIntervalMs: options.pollIntervalMs,
    run,
    logger: options.logger,
    listeners: [view],
    onFirstPoll: () => {
      view.showHousehold();
    },
  });
  if (reason.kind === 'failure') throw reason.error;
  context.output.status(describeStop(reason));
}
