import type { DurationLike } from 'luxon';

import type { CallOptions } from '../api/index.js';
import type {
  MappedDevice,
  MappedList,
  TibberDevice,
  TibberHome,
} from '../models/index.js';
import type { Clock, Scheduler } from '../shared/clock.js';
import { systemClock, systemScheduler } from '../shared/clock.js';
import { durationOptionMs as ms } from '../shared/duration.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';

/** The calls the coordinator makes; `TibberDataClient` has them. */
export interface CoordinatorClient {
  getHomes(options?: CallOptions): Promise<MappedList<TibberHome>>;
  getDevices(homeId: string, options?: CallOptions): Promise<MappedList<TibberDevice>>;
  getDevice(homeId: string, deviceId: string, options?: CallOptions): Promise<MappedDevice>;
}

export interface TibberDataCoordinatorOptions {
  readonly client: CoordinatorClient;
  /** Default 60 s: Tibber refreshes vehicles about every 10 minutes; faster gains nothing. */
  readonly pollInterval?: DurationLike;
  /** How long data may fail before entities turn unavailable. Default 3 min; 0: at once. */
  readonly graceWindow?: DurationLike;
  /** Default 24 hours. */
  readonly homesTtl?: DurationLike;
  /** Default 1 hour. */
  readonly deviceListTtl?: DurationLike;
  /** The longest wait after consecutive failures. Default 15 minutes. */
  readonly maxBackoff?: DurationLike;
  /** The longest a rate limit defers the next poll. Default 1 hour. */
  readonly maxRateLimitDefer?: DurationLike;
  /** A poll still running after this is ended as timed out. Default 2 minutes. */
  readonly pollTimeout?: DurationLike;
  /** `requestRefresh` calls within this of the last collapse into one. Default 10 s. */
  readonly refreshCooldown?: DurationLike;
  /** Each instance waits a fixed random part of this on top of every delay. Default 5 s. */
  readonly maxPhase?: DurationLike;
  /** Polls in a row an item may be invalid, or a capability absent, before it counts. */
  readonly persistentAfterPolls?: number;
  readonly clock?: Clock;
  readonly scheduler?: Scheduler;
  /** In [0, 1); decides this instance's phase. Default `Math.random`. */
  readonly random?: () => number;
  readonly logger?: Logger;
}

export interface CoordinatorSettings {
  readonly client: CoordinatorClient;
  readonly pollIntervalMs: number;
  readonly graceWindowMs: number;
  readonly homesTtlMs: number;
  readonly deviceListTtlMs: number;
  readonly maxBackoffMs: number;
  readonly maxRateLimitDeferMs: number;
  readonly pollTimeoutMs: number;
  readonly refreshCooldownMs: number;
  readonly phaseMs: number;
  readonly persistentAfterPolls: number;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly logger: Logger;
}

export function resolveCoordinatorSettings(
  options: TibberDataCoordinatorOptions,
): CoordinatorSettings {
  if (typeof options.client !== 'object') {
    throw new TypeError('client must be a TibberDataClient or an object with its calls');
  }
  const random = options.random ?? Math.random;
  const persistentAfterPolls = options.persistentAfterPolls ?? 3;
  if (!Number.isInteger(persistentAfterPolls) || persistentAfterPolls < 1) {
    throw new TypeError('persistentAfterPolls must be a positive integer');
  }
  const pollIntervalMs = ms(options.pollInterval, { seconds: 60 }, 'pollInterval', 1);

  return {
    client: options.client,
    pollIntervalMs,
    graceWindowMs: ms(options.graceWindow, { minutes: 3 }, 'graceWindow', 0),
    homesTtlMs: ms(options.homesTtl, { hours: 24 }, 'homesTtl', 0),
    deviceListTtlMs: ms(options.deviceListTtl, { hours: 1 }, 'deviceListTtl', 0),
    maxBackoffMs: ms(options.maxBackoff, { minutes: 15 }, 'maxBackoff', pollIntervalMs),
    maxRateLimitDeferMs: ms(options.maxRateLimitDefer, { hours: 1 }, 'maxRateLimitDefer', 0),
    pollTimeoutMs: ms(options.pollTimeout, { minutes: 2 }, 'pollTimeout', 1),
    refreshCooldownMs: ms(options.refreshCooldown, { seconds: 10 }, 'refreshCooldown', 0),
    phaseMs: Math.floor(random() * ms(options.maxPhase, { seconds: 5 }, 'maxPhase', 0)),
    persistentAfterPolls,
    clock: options.clock ?? systemClock,
    scheduler: options.scheduler ?? systemScheduler,
    logger: options.logger ?? silentLogger,
  };
}
