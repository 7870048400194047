import type { CoordinatorClient, CoordinatorListener } from '../coordinator/index.js';
import { TibberDataCoordinator } from '../coordinator/index.js';
import type { Logger } from '../shared/logger.js';
import type { CliContext } from './context.js';
import { DiscoveryProgress } from './discovery-progress.js';
import type { RunUntilStopped, StopReason } from './signals.js';

export interface LiveSessionOptions {
  readonly context: CliContext;
  readonly client: CoordinatorClient;
  readonly pollIntervalMs: number;
  /** The command's lifetime, begun before its setup so that an early Ctrl-C is heard. */
  readonly run: RunUntilStopped;
  /** The coordinator's random offset per poll; 0 for the demo, whose clock is its own. */
  readonly maxPhaseMs?: number;
  readonly logger: Logger;
  /** Told everything the coordinator tells, in order. */
  readonly listeners: readonly CoordinatorListener[];
  /** After the first poll, before the first change. */
  readonly onFirstPoll?: () => void;
}

/**
 * `demo`, `watch` and `bridge`: the coordinator from the first poll until Ctrl-C,
 * SIGTERM, `--duration` or a sign-in Tibber asks for. Resolves with why it stopped, after
 * the coordinator has stopped and its listeners are gone.
 */
export async function runLiveSession(options: LiveSessionOptions): Promise<StopReason> {
  const { context, logger } = options;
  if (options.run.isStopped) return options.run.stopped;
  const progress = new DiscoveryProgress(options.client, context.output);
  const coordinator = new TibberDataCoordinator({
    client: progress,
    pollInterval: options.pollIntervalMs,
    // The phase spreads many hubs over a minute; at a short interval it would dwarf it.
    maxPhase: options.maxPhaseMs ?? Math.min(5_000, options.pollIntervalMs / 10),
    logger,
  });
  const { run } = options;
  const finishProgress = (): void => {
    progress.finish();
  };
  const unsubscribe = [
    // First, so that the progress line ends before anyone prints the household.
    coordinator.subscribe({ changes: finishProgress, availabilityChanged: finishProgress }),
    ...options.listeners.map((listener) => coordinator.subscribe(listener)),
    coordinator.subscribe({
      reauthRequired: (error) => {
        run.stop({ kind: 'failure', error });
      },
    }),
  ];
  try {
    const started = coordinator.start().then(
      () => undefined,
      (error: unknown) => {
        run.stop({ kind: 'failure', error });
      },
    );
    await Promise.race([started, run.stopped]);
    progress.finish();
    if (coordinator.lastUpdateSuccess) options.onFirstPoll?.();
    return await run.stopped;
  } finally {
    coordinator.stop();
    for (const stop of unsubscribe) stop();
  }
}
