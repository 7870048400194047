import { DateTime } from 'luxon';

import { describeMappingIssue, nextOnlineStatus } from '../models/index.js';
import type { TibberHome } from '../models/index.js';
import type { TimerHandle } from '../shared/clock.js';
import {
  NotReadyError,
  RateLimitedError,
  ReauthorizationRequiredError,
  TibberDataError,
  TimeoutError,
} from '../shared/errors.js';
import type { Change } from './changes.js';
import type { CoordinatorSettings, TibberDataCoordinatorOptions } from './coordinator-settings.js';
import { resolveCoordinatorSettings } from './coordinator-settings.js';
import type { CoordinatorListener } from './coordinator-events.js';
import { diffSnapshots } from './diff.js';
import type { DeviceState, PollCache, PollOutcome } from './poll.js';
import { poll } from './poll.js';
import type { CoordinatorSnapshot } from './snapshot.js';
import { EMPTY_SNAPSHOT } from './snapshot.js';
import { availabilityChanges, buildSnapshot } from './build-snapshot.js';

type Phase = 'created' | 'running' | 'reauthRequired' | 'stopped';

/**
 * The 60-second heartbeat: polls the Data API, keeps homes, devices and values, and tells
 * its listeners what changed, by value, only when something did. Modelled on Home
 * Assistant's DataUpdateCoordinator: refreshes never overlap, the next poll is timed from
 * the end of the last, failures keep the last good data and turn entities unavailable only
 * after a grace window, and an authentication failure stops polling until `resume()`.
 */
export class TibberDataCoordinator {
  readonly #settings: CoordinatorSettings;
  readonly #listeners = new Set<CoordinatorListener>();
  readonly #cache: PollCache = { homes: undefined, lists: new Map() };
  #states = new Map<string, DeviceState>();
  #snapshot: CoordinatorSnapshot = EMPTY_SNAPSHOT;
  #phase: Phase = 'created';

  #timer: TimerHandle | undefined;
  #nextPollAtMs: number | undefined;
  #inFlight: Promise<void> | undefined;
  #abort: AbortController | undefined;
  #watchdog: TimerHandle | undefined;
  #followUp = false;
  #forceDiscovery = false;
  #lastRequestAtMs = Number.NEGATIVE_INFINITY;
  #trailing: TimerHandle | undefined;

  /** Unknown capabilities and units already logged: each is said once, not every poll. */
  readonly #warned = new Set<string>();
  #lastSuccessAtMs: number | undefined;
  #lastError: Error | undefined;
  #consecutiveFailures = 0;

  constructor(options: TibberDataCoordinatorOptions) {
    this.#settings = resolveCoordinatorSettings(options);
  }

  get snapshot(): CoordinatorSnapshot {
    return this.#snapshot;
  }

  get lastUpdateSuccess(): boolean {
    return this.#lastSuccessAtMs !== undefined && this.#consecutiveFailures === 0;
  }

  get lastSuccessAt(): DateTime | undefined {
    return utc(this.#lastSuccessAtMs);
  }

  get lastError(): Error | undefined {
    return this.#lastError;
  }

  get consecutiveFailures(): number {
    return this.#consecutiveFailures;
  }

  get nextPollAt(): DateTime | undefined {
    return utc(this.#nextPollAtMs);
  }

  /** Adds a listener; the returned function removes it. Nothing polls without listeners. */
  subscribe(listener: CoordinatorListener): () => void {
    this.#listeners.add(listener);
    if (this.#phase === 'running' && this.#timer === undefined && this.#inFlight === undefined) {
      this.#scheduleNext();
    }
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.#pause();
    };
  }

  /**
   * The first refresh, then polling. Throws a `ReauthorizationRequiredError` as such, and
   * any other failure as a `NotReadyError` carrying it: no entity is made from no data.
   */
  async start(): Promise<void> {
    if (this.#phase === 'stopped') throw new TypeError('a stopped coordinator cannot start');
    if (this.#phase !== 'created') return;

    const failure = await this.#pollOnce(true);
    if (failure instanceof ReauthorizationRequiredError) throw failure;
    if (failure !== undefined) {
      throw new NotReadyError(`the first refresh failed: ${failure.message}`, { cause: failure });
    }
    this.#phase = 'running';
    this.#scheduleNext();
  }

  /** A refresh now; calls within the cooldown of the last collapse into one after it. */
  requestRefresh(): void {
    if (this.#phase !== 'running') return;
    const { clock, scheduler, refreshCooldownMs } = this.#settings;
    const nowMs = clock.now();
    if (this.#trailing !== undefined) return;
    if (nowMs - this.#lastRequestAtMs >= refreshCooldownMs) {
      this.#lastRequestAtMs = nowMs;
      void this.#refresh();
      return;
    }
    this.#trailing = scheduler.setTimeout(() => {
      this.#trailing = undefined;
      this.#lastRequestAtMs = clock.now();
      void this.#refresh();
    }, this.#lastRequestAtMs + refreshCooldownMs - nowMs);
  }

  /** Homes and device lists now, before their cache would expire. */
  rediscover(): Promise<void> {
    this.#forceDiscovery = true;
    return this.#refresh();
  }

  /** After the user signed in again: polling goes on, with a refresh at once. */
  resume(): Promise<void> {
    if (this.#phase !== 'reauthRequired') return Promise.resolve();
    this.#phase = 'running';
    return this.#refresh();
  }

  /** Aborts what is in flight, clears every timer, forgets every listener. Idempotent. */
  stop(): void {
    this.#phase = 'stopped';
    this.#pause();
    this.#listeners.clear();
  }

  #pause(): void {
    const { scheduler } = this.#settings;
    for (const timer of [this.#timer, this.#trailing, this.#watchdog]) {
      if (timer !== undefined) scheduler.clearTimeout(timer);
    }
    this.#timer = undefined;
    this.#trailing = undefined;
    this.#watchdog = undefined;
    this.#nextPollAtMs = undefined;
    this.#followUp = false;
    this.#abort?.abort(new TimeoutError('the coordinator stopped'));
  }

  /** One refresh at a time; one asked for meanwhile runs once after it. */
  #refresh(): Promise<void> {
    if (this.#inFlight !== undefined) {
      this.#followUp = true;
      return this.#inFlight;
    }
    const { scheduler } = this.#settings;
    if (this.#timer !== undefined) scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextPollAtMs = undefined;

    this.#inFlight = this.#pollOnce(false).then(() => {
      this.#inFlight = undefined;
      if (this.#followUp && this.#phase === 'running') {
        this.#followUp = false;
        return this.#refresh();
      }
      this.#scheduleNext();
      return undefined;
    });
    return this.#inFlight;
  }

  #scheduleNext(): void {
    if (this.#phase !== 'running' || this.#listeners.size === 0) return;
    const { clock, scheduler } = this.#settings;
    const delayMs = this.#nextDelayMs();
    if (this.#timer !== undefined) scheduler.clearTimeout(this.#timer);
    this.#nextPollAtMs = clock.now() + delayMs;
    this.#timer = scheduler.setTimeout(() => {
      this.#timer = undefined;
      void this.#refresh();
    }, delayMs);
  }

  /** The interval after success; backoff after failures; a rate limit's own time. */
  #nextDelayMs(): number {
    const { pollIntervalMs, maxBackoffMs, maxRateLimitDeferMs, phaseMs, clock } = this.#settings;
    const failures = this.#consecutiveFailures;
    if (failures === 0) return pollIntervalMs + phaseMs;

    const error = this.#lastError;
    if (error instanceof RateLimitedError) {
      const waitMs = Math.min(maxRateLimitDeferMs, error.retryAtMs - clock.now());
      return Math.max(pollIntervalMs, waitMs) + phaseMs;
    }
    return Math.min(maxBackoffMs, pollIntervalMs * 2 ** (failures - 1)) + phaseMs;
  }

  /** Runs one poll under the watchdog and commits its outcome; never rejects. */
  async #pollOnce(isFirst: boolean): Promise<Error | undefined> {
    const { scheduler, pollTimeoutMs } = this.#settings;
    const abort = new AbortController();
    this.#abort = abort;
    const force = isFirst || this.#forceDiscovery;
    this.#forceDiscovery = false;
    const watchdog = scheduler.setTimeout(() => {
      abort.abort(new TimeoutError(`a poll ran past ${pollTimeoutMs} ms and was ended`));
    }, pollTimeoutMs);
    this.#watchdog = watchdog;
    const aborted = new Promise<never>((_resolve, reject) => {
      abort.signal.addEventListener('abort', () => {
        const reason: unknown = abort.signal.reason;
        reject(reason instanceof Error ? reason : new TimeoutError('aborted'));
      }, { once: true });
    });
    aborted.catch(() => undefined);

    try {
      const outcome = await Promise.race([
        poll(this.#settings, this.#cache, this.#states, force, abort.signal),
        aborted,
      ]);
      if (this.#phase === 'stopped') return undefined;
      this.#commit(outcome, isFirst);
      return undefined;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      if (this.#phase !== 'stopped') this.#fail(failure, isFirst);
      return failure;
    } finally {
      scheduler.clearTimeout(watchdog);
      if (this.#watchdog === watchdog) this.#watchdog = undefined;
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  #commit(outcome: PollOutcome, isFirst: boolean): void {
    const { clock, logger } = this.#settings;
    const nowMs = clock.now();
    if (this.#consecutiveFailures > 0) {
      logger.info('Tibber Data API recovered', { failedPolls: this.#consecutiveFailures });
    }
    this.#consecutiveFailures = 0;
    this.#lastError = undefined;
    this.#lastSuccessAtMs = nowMs;

    const steps: Change[] = [];
    const states = new Map<string, DeviceState>();
    for (const { state, evidence } of outcome.devices) {
      let status = state.onlineStatus;
      for (const next of nextOnlineStatus(status, evidence)) {
        steps.push({
          kind: 'onlineStatusChanged',
          deviceId: state.device.deviceId,
          previous: status,
          current: next,
        });
        status = next;
      }
      states.set(state.device.deviceId, { ...state, onlineStatus: status });
    }
    this.#states = states;
    this.#publish(outcome.homes, steps, isFirst);
    for (const warning of outcome.warnings) {
      const key = `${warning.code}:${warning.deviceId}:${warning.capabilityId}`;
      if (this.#warned.has(key)) continue;
      this.#warned.add(key);
      logger.warn(describeMappingIssue({ kind: 'warning', warning }));
    }
    for (const problem of outcome.problems) {
      logger.warn('an item stays invalid; its last valid value is kept', {
        device: problem.deviceId,
        item: problem.issue.kind === 'rejected' ? problem.issue.itemRef : '',
      });
      this.#emit((listener) => listener.persistentProblem?.({
        deviceId: problem.deviceId,
        issue: problem.issue,
        polls: this.#settings.persistentAfterPolls,
      }));
    }
  }

  #fail(error: Error, isFirst: boolean): void {
    const { clock, logger } = this.#settings;
    const nowMs = clock.now();
    const isFirstFailure = this.#consecutiveFailures === 0;
    this.#consecutiveFailures++;
    this.#lastError = error;
    if (isFirst) return;

    if (error instanceof ReauthorizationRequiredError) {
      if (this.#phase === 'reauthRequired') return;
      this.#phase = 'reauthRequired';
      this.#pause();
      logger.warn('Tibber needs a new sign-in; polling has stopped');
      this.#publish(this.#snapshot.homes, [], false, error);
      this.#emit((listener) => listener.reauthRequired?.(error));
      return;
    }

    if (isFirstFailure) {
      logger.warn('Tibber Data API unavailable; keeping the last data', {
        error: error instanceof TibberDataError ? error.code : error.name,
      });
    }
    const states = new Map<string, DeviceState>();
    for (const [id, state] of this.#states) {
      states.set(id, { ...state, failingSinceMs: state.failingSinceMs ?? nowMs });
    }
    this.#states = states;
    this.#publish(this.#snapshot.homes, [], false, error);
  }

  /** Builds the next snapshot, and tells listeners what changed and whose availability. */
  #publish(
    homes: readonly TibberHome[],
    steps: readonly Change[],
    isFirst: boolean,
    error?: Error,
  ): void {
    const previous = this.#snapshot;
    const next = buildSnapshot({
      homes,
      states: this.#states.values(),
      nowMs: this.#settings.clock.now(),
      lastSuccessAtMs: this.#lastSuccessAtMs,
      graceWindowMs: this.#settings.graceWindowMs,
      error,
    });
    this.#snapshot = next;

    const changes = [...diffSnapshots(previous, next), ...steps];
    this.#settings.logger.debug(() => (error === undefined ? 'poll done' : 'poll failed'), {
      devices: next.devices.length,
      changes: changes.length,
    });
    if (changes.length > 0) this.#emit((listener) => listener.changes?.(changes, next));
    if (isFirst) return;
    for (const event of availabilityChanges(previous, next, error)) {
      this.#emit((listener) => listener.availabilityChanged?.(event, next));
    }
  }

  #emit(call: (listener: CoordinatorListener) => unknown): void {
    for (const listener of [...this.#listeners]) {
      try {
        const result = call(listener);
        if (result instanceof Promise) {
          result.catch((error: unknown) => {
            this.#listenerFailed(error);
          });
        }
      } catch (error) {
        this.#listenerFailed(error);
      }
    }
  }

  #listenerFailed(error: unknown): void {
    this.#settings.logger.error('a coordinator listener failed; the others went on', {
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

function utc(epochMs: number | undefined): DateTime | undefined {
  return epochMs === undefined ? undefined : DateTime.fromMillis(epochMs, { zone: 'utc' });
}
