import type * as Mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';

import type { Scheduler, TimerHandle } from '../shared/clock.js';
import { systemScheduler } from '../shared/clock.js';
import { ConfigurationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import type { EntityAdapter, EntityRecord } from './entity-adapter.js';
import type { EntityState } from './entity.js';
import type { DiscoveryTopics, MqttMessage } from './mqtt-discovery.js';
import {
  OFFLINE,
  ONLINE,
  availabilityPayload,
  bridgeStatusTopic,
  clearingMessages,
  entityMessages,
  entityTopics,
  homeAssistantStatusTopic,
  statePayload,
} from './mqtt-discovery.js';

export interface HomeAssistantMqttBridgeOptions {
  /** The broker, e.g. `mqtt://127.0.0.1:1883`. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** Default `homeassistant`, Home Assistant's own default. */
  readonly discoveryPrefix?: string;
  /** Default `tibber-data`. */
  readonly baseTopic?: string;
  readonly clientId?: string;
  readonly logger?: Logger;
  /** Times the reconnects. */
  readonly scheduler?: Scheduler;
}

const FIRST_RECONNECT_DELAY_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 60_000;

/**
 * Publishes entities to an MQTT broker for Home Assistant's discovery: a retained config,
 * state and availability per entity, the bridge's own status with a last will, and all of
 * it again whenever the bridge (re)connects or Home Assistant (re)starts.
 *
 * `mqtt` is an optional peer dependency: it is loaded by `start`, so the rest of the
 * library works without it.
 */
export class HomeAssistantMqttBridge implements EntityAdapter {
  readonly #options: HomeAssistantMqttBridgeOptions;
  readonly #topics: DiscoveryTopics;
  readonly #logger: Logger;
  readonly #scheduler: Scheduler;
  /** The last record of every entity, by unique id: what a reconnect publishes again. */
  readonly #records = new Map<string, EntityRecord>();
  /** Clears not yet sent, for entities removed while disconnected. */
  readonly #pendingClears = new Map<string, MqttMessage>();
  #client: MqttClient | undefined;
  /** Publishes the broker has not acknowledged yet, and who waits for them. */
  #unacknowledged = 0;
  readonly #whenAcknowledged: (() => void)[] = [];
  #reconnectTimer: TimerHandle | undefined;
  #reconnectAttempts = 0;

  constructor(options: HomeAssistantMqttBridgeOptions) {
    this.#options = options;
    this.#topics = {
      discoveryPrefix: options.discoveryPrefix ?? 'homeassistant',
      baseTopic: options.baseTopic ?? 'tibber-data',
    };
    this.#logger = options.logger ?? silentLogger;
    this.#scheduler = options.scheduler ?? systemScheduler;
  }

  /** Connects, and resolves once connected; rejects if the first attempt fails. */
  async start(): Promise<void> {
    if (this.#client !== undefined) return;

    const { connect } = await loadMqtt();
    const statusTopic = bridgeStatusTopic(this.#topics);
    const client = connect(this.#options.url, {
      ...(this.#options.clientId === undefined ? {} : { clientId: this.#options.clientId }),
      ...(this.#options.username === undefined ? {} : { username: this.#options.username }),
      ...(this.#options.password === undefined ? {} : { password: this.#options.password }),
      // Reconnects are ours, with a backoff: mqtt.js retries at a fixed period.
      reconnectPeriod: 0,
      will: { topic: statusTopic, payload: Buffer.from(OFFLINE), retain: true, qos: 1 },
    });
    this.#client = client;

    client.on('connect', () => {
      this.#connected(client);
    });
    client.on('message', (topic, payload) => {
      this.#messageReceived(topic, payload.toString('utf8'));
    });
    client.on('close', () => {
      this.#scheduleReconnect(client);
    });

    await new Promise<void>((resolve, reject) => {
      const failed = (error: Error): void => {
        client.off('connect', connected);
        this.#client = undefined;
        client.end(true);
        reject(new Error('could not connect to the MQTT broker', { cause: error }));
      };
      const connected = (): void => {
        client.off('error', failed);
        client.on('error', (error) => {
          this.#logger.warn('the MQTT connection failed', { error: error.name });
        });
        resolve();
      };
      client.once('connect', connected);
      client.once('error', failed);
    });
  }

  /** Says `offline`, then disconnects; does nothing if not started. */
  async stop(): Promise<void> {
    const client = this.#client;
    if (client === undefined) return;
    this.#client = undefined;
    if (this.#reconnectTimer !== undefined) this.#scheduler.clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;

    if (client.connected) {
      try {
        await client.publishAsync(bridgeStatusTopic(this.#topics), OFFLINE, {
          retain: true,
          qos: 1,
        });
      } catch (error) {
        this.#publishFailed(error);
      }
    }
    await client.endAsync(!client.connected);
  }

  entitiesAdded(entities: readonly EntityRecord[]): void {
    this.#described(entities);
  }

  entitiesUpdated(entities: readonly EntityRecord[]): void {
    this.#described(entities);
  }

  statesChanged(states: readonly EntityState[]): void {
    const messages: MqttMessage[] = [];
    for (const state of states) {
      const old = this.#records.get(state.uniqueId);
      if (old === undefined) continue;
      this.#records.set(state.uniqueId, { ...old, state });

      const { description } = old;
      const own = entityTopics(description, this.#topics);
      if (old.state.value !== state.value) {
        const payload = statePayload(description.platform, state);
        messages.push({ topic: own.state, payload });
      }
      if (old.state.available !== state.available) {
        messages.push({ topic: own.availability, payload: availabilityPayload(state) });
      }
    }
    this.#publish(messages);
  }

  entitiesRemoved(uniqueIds: readonly string[]): void {
    const messages: MqttMessage[] = [];
    for (const uniqueId of uniqueIds) {
      const record = this.#records.get(uniqueId);
      if (record === undefined) continue;
      this.#records.delete(uniqueId);
      messages.push(...clearingMessages(record.description, this.#topics));
    }

    if (this.#client?.connected === true) this.#publish(messages);
    else for (const message of messages) this.#pendingClears.set(message.topic, message);
  }

  #described(entities: readonly EntityRecord[]): void {
    for (const record of entities) {
      this.#records.set(record.description.uniqueId, record);
      // A removal then a return while offline: the entity is back, so is its config.
      const own = entityTopics(record.description, this.#topics);
      for (const topic of [own.config, own.state, own.availability]) {
        this.#pendingClears.delete(topic);
      }
    }
    this.#publish(entities.flatMap((record) => entityMessages(record, this.#topics)));
  }

  #connected(client: MqttClient): void {
    this.#reconnectAttempts = 0;
    this.#publish([{ topic: bridgeStatusTopic(this.#topics), payload: ONLINE }]);
    client.subscribe(homeAssistantStatusTopic(this.#topics), { qos: 1 }, (error) => {
      if (error instanceof Error) {
        this.#logger.warn('could not subscribe to Home Assistant\'s status', { error: error.name });
      }
    });
    this.#publish([...this.#pendingClears.values()]);
    this.#pendingClears.clear();
    this.#republish();
  }

  #messageReceived(topic: string, payload: string): void {
    if (topic === homeAssistantStatusTopic(this.#topics) && payload === ONLINE) {
      this.#logger.info('Home Assistant started: publishing every entity again');
      this.#republish();
    }
  }

  #republish(): void {
    this.#publish([...this.#records.values()].flatMap((r) => entityMessages(r, this.#topics)));
  }

  /**
   * Sends when connected; while not, the records are kept and the next connect sends them
   * all, so nothing is queued twice.
   */
  #publish(messages: readonly MqttMessage[]): void {
    const client = this.#client;
    if (client?.connected !== true) return;

    for (const { topic, payload } of messages) {
      try {
        this.#unacknowledged++;
        client.publish(topic, payload, { retain: true, qos: 1 }, (error) => {
          // mqtt.js passes `null`, not `undefined`, on success after a reconnect.
          if (error instanceof Error) this.#publishFailed(error);
          this.#acknowledged();
        });
      } catch (error) {
        this.#publishFailed(error);
        this.#acknowledged();
      }
    }
  }

  /**
   * Resolves once the broker has acknowledged (or refused) every message published so far:
   * for a host that must know its entities reached the broker before it goes on.
   */
  published(): Promise<void> {
    if (this.#unacknowledged === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenAcknowledged.push(resolve));
  }

  #acknowledged(): void {
    this.#unacknowledged--;
    if (this.#unacknowledged > 0) return;
    for (const resolve of this.#whenAcknowledged.splice(0)) resolve();
  }

  #scheduleReconnect(client: MqttClient): void {
    if (client !== this.#client || this.#reconnectTimer !== undefined) return;

    const delayMs = Math.min(
      MAX_RECONNECT_DELAY_MS,
      FIRST_RECONNECT_DELAY_MS * 2 ** this.#reconnectAttempts,
    );
    this.#reconnectAttempts++;
    if (this.#reconnectAttempts === 1) this.#logger.warn('the MQTT broker is unreachable');
    this.#reconnectTimer = this.#scheduler.setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (client === this.#client) client.reconnect();
    }, delayMs);
  }

  /** The error's name only: a message could quote a payload. */
  #publishFailed(error: unknown): void {
    this.#logger.warn('an MQTT publish failed', {
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

async function loadMqtt(): Promise<typeof Mqtt> {
  try {
    return await import('mqtt');
  } catch (error) {
    // Installing a package is the operator's fix, as for any other configuration.
    throw new ConfigurationError(
      'the Home Assistant MQTT bridge needs the optional package `mqtt`: npm install mqtt',
      { cause: error },
    );
  }
}
