import type { CoordinatorListener } from '../coordinator/index.js';
import { EntityFeed, HomeAssistantMqttBridge } from '../entities/index.js';
import { ConfigurationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { Account } from './account.js';
import { requireSession } from './account.js';
import type { CliContext } from './context.js';
import { CommandFailure, ExitCode, describeFailure } from './exit-codes.js';
import { formatDuration } from './durations.js';
import { runLiveSession } from './live-session.js';
import type { StopReason } from './signals.js';
import { RunUntilStopped } from './signals.js';
import { describeStop } from './stop-text.js';

export interface BridgeOptions {
  readonly mqttUrl: string;
  readonly username?: string;
  readonly password?: string;
  readonly discoveryPrefix?: string;
  readonly baseTopic?: string;
  readonly pollIntervalMs: number;
  readonly durationMs?: number;
  /** How long the broker may take to accept the first connection. */
  readonly connectTimeoutMs: number;
  readonly json: boolean;
  readonly logger: Logger;
}

/**
 * The Home Assistant MQTT bridge as a service: connect to the broker, publish every
 * entity with discovery, keep states current, say `offline` on the way out. It logs what
 * an operator needs (connected, published, unavailable) and no line per state change.
 */
export function runBridge(
  context: CliContext,
  account: Account,
  options: BridgeOptions,
): Promise<void> {
  return RunUntilStopped.during(context, options.durationMs, async (run) => {
    await requireSession(account);
    await bridgeUntilStopped(context, account, options, run);
  });
}

async function bridgeUntilStopped(
  context: CliContext,
  account: Account,
  options: BridgeOptions,
  run: RunUntilStopped,
): Promise<void> {
  const { output } = context;
  const broker = withoutCredentials(options.mqttUrl);
  const bridge = new HomeAssistantMqttBridge({
    url: options.mqttUrl,
    logger: options.logger,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.discoveryPrefix === undefined ? {} : { discoveryPrefix: options.discoveryPrefix }),
    ...(options.baseTopic === undefined ? {} : { baseTopic: options.baseTopic }),
  });
  const stoppedFirst = await connect(bridge, broker, options.connectTimeoutMs, run.stopped);
  if (stoppedFirst !== undefined) {
    output.status(describeStop(stoppedFirst));
    return;
  }
  const feed = new EntityFeed([bridge], options.logger);
  const report: CoordinatorListener = {
    availabilityChanged: (event) => {
      if (event.deviceId !== undefined) return;
      const why = event.error === undefined ? '' : ` (${describeFailure(event.error)})`;
      emit(event.available ? 'Tibber is available again' : `Tibber is unavailable${why}`, {
        type: 'availability',
        available: event.available,
      });
    },
  };
  const emit = (text: string, json: Record<string, unknown>): void => {
    if (options.json) output.line(JSON.stringify({ ...json, at: new Date().toISOString() }));
    else output.status(text);
  };
  emit(`Connected to ${broker}; polling Tibber every ${formatDuration(options.pollIntervalMs)}`, {
    type: 'connected',
    broker,
  });
  try {
    const reason = await runLiveSession({
      context,
      client: account.client,
      pollIntervalMs: options.pollIntervalMs,
      run,
      logger: options.logger,
      listeners: [feed, report],
      onFirstPoll: () => {
        const records = [...feed.entities.values()];
        const devices = new Set(records.map((record) => record.device.deviceId));
        void bridge.published().then(() => {
          emit(`Published ${feed.entities.size} entities of ${devices.size} devices`, {
            type: 'published',
            entities: feed.entities.size,
            devices: devices.size,
          });
        });
      },
    });
    if (reason.kind === 'failure') throw reason.error;
    output.status(describeStop(reason));
  } finally {
    await bridge.stop();
  }
}

/** Resolves once connected, or with why the command stopped while the broker had not answered. */
async function connect(
  bridge: HomeAssistantMqttBridge,
  broker: string,
  timeoutMs: number,
  stopped: Promise<StopReason>,
): Promise<StopReason | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer within ${formatDuration(timeoutMs)}`));
    }, timeoutMs);
  });
  const started = bridge.start();
  try {
    const reason = await Promise.race([started.then(() => undefined), stopped, timeout]);
    if (reason !== undefined) {
      // A start still loading mqtt has no client to end yet: it is ended once it connects.
      void started.then(() => bridge.stop(), () => undefined);
      await bridge.stop();
    }
    return reason;
  } catch (error) {
    await bridge.stop();
    if (error instanceof ConfigurationError) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new CommandFailure(
      `Cannot connect to the MQTT broker at ${broker}: ${describeFailure(cause)}`,
      ExitCode.unavailable,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/** The broker's address as it may be shown: a password in the URL stays out of logs. */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return 'the configured broker';
  }
}
