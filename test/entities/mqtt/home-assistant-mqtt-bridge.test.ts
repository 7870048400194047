import { afterEach, describe, expect, it } from 'vitest';

import { EntityFeed } from '../../../src/entities/entity-feed.js';
import { HomeAssistantMqttBridge } from '../../../src/entities/home-assistant-mqtt-bridge.js';
import { ManualClock } from '../../../src/shared/clock.js';
import type { Scheduler } from '../../../src/shared/clock.js';
import { ServerError } from '../../../src/shared/errors.js';
import { startWithFaults, useCoordinatorHarness } from '../../coordinator/harness.js';
import type { CoordinatorHarness, HarnessOptions } from '../../coordinator/harness.js';
import {
  CAR,
  CHARGER,
  HEATER,
  HOME_A,
  StaticScenario,
} from '../../coordinator/static-scenario.js';
import { MessageRecorder, startBroker, until } from './broker.js';
import type { ReceivedMessage, TestBroker } from './broker.js';

const start = useCoordinatorHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CONFIG = /^homeassistant\/(sensor|binary_sensor)\/tibber_data\/([^/]+)\/config$/;
const STATE = /^tibber-data\/td_[0-9a-f]{8}_[a-z0-9_]+\/state$/;
const AVAILABILITY = /^tibber-data\/td_[0-9a-f]{8}_[a-z0-9_]+\/availability$/;
const ENTITIES = 8;

interface Bridged {
  readonly harness: CoordinatorHarness;
  readonly bridge: HomeAssistantMqttBridge;
  readonly recorder: MessageRecorder;
  readonly url: string;
  /** What the bridge published, retain flags as sent. */
  readonly sent: ReceivedMessage[];
  readonly broker: TestBroker;
}

/** A broker, a recorder on `#`, a started bridge, then the coordinator's first poll. */
async function bridged(
  harnessed: Promise<CoordinatorHarness> = start({ start: false }),
  scheduler: Scheduler = new ManualClock(),
): Promise<Bridged> {
  const broker = await startBroker();
  cleanups.push(() => broker.close());
  const recorder = await MessageRecorder.connect(broker.url);
  cleanups.push(() => recorder.close());
  const harness = await harnessed;
  const bridge = new HomeAssistantMqttBridge({
    url: broker.url,
    logger: harness.logger,
    scheduler,
  });
  cleanups.push(() => bridge.stop());

  await bridge.start();
  harness.coordinator.subscribe(new EntityFeed([bridge], harness.logger));
  await harness.coordinator.start();
  await until(() => recorder.matching(AVAILABILITY).length === ENTITIES);
  return { harness, bridge, recorder, url: broker.url, sent: broker.published, broker };
}

function configs(recorder: MessageRecorder): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (const [topic, payload] of recorder.latest()) {
    if (CONFIG.test(topic) && payload !== '') {
      found.set(topic, JSON.parse(payload) as Record<string, unknown>);
    }
  }
  return found;
}

function configNamed(recorder: MessageRecorder, name: string): Record<string, unknown> {
  const config = [...configs(recorder).values()].find((c) => c['name'] === name);
  if (config === undefined) throw new Error(`no config named ${name}`);
  return config;
}

function latestOf(recorder: MessageRecorder, topic: unknown): string | undefined {
  return typeof topic === 'string' ? recorder.latest().get(topic) : undefined;
}

describe('HomeAssistantMqttBridge', () => {
  it('publishes its status, a retained config, state and availability per entity', async () => {
    const { recorder, sent, harness } = await bridged();

    expect(harness.logger.lines('warn')).toEqual([]);
    expect(recorder.on('tibber-data/status').at(-1)?.payload).toBe('online');
    expect(sent.filter((m) => m.topic.startsWith('tibber-data/status'))).toEqual([
      { topic: 'tibber-data/status', payload: 'online', retain: true },
    ]);
    expect(recorder.matching(CONFIG)).toHaveLength(ENTITIES);
    expect(sent.filter((m) => !m.topic.startsWith('test/')).every((m) => m.retain)).toBe(true);
    expect(recorder.matching(STATE)).toHaveLength(ENTITIES);
    expect(recorder.matching(AVAILABILITY).map((m) => m.payload)).toEqual(
      Array<string>(ENTITIES).fill('online'),
    );

    const soc = configNamed(recorder, 'State of charge');
    const objectId = soc['object_id'];
    expect(objectId).toMatch(/^td_[0-9a-f]{8}_storage_stateofcharge$/);
    expect(soc).toMatchObject({
      unique_id: objectId,
      state_topic: `tibber-data/${String(objectId)}/state`,
      availability: [
        { topic: 'tibber-data/status' },
        { topic: `tibber-data/${String(objectId)}/availability` },
      ],
      availability_mode: 'all',
      device_class: 'battery',
      unit_of_measurement: '%',
      state_class: 'measurement',
      enabled_by_default: true,
      device: { name: 'Family car', manufacturer: 'VW', model: 'M1' },
      origin: { name: 'tibber-data' },
    });
    expect(soc['device']).toMatchObject({
      identifiers: [expect.stringMatching(/^td_[0-9a-f]{8}$/)],
    });
    expect(latestOf(recorder, soc['state_topic'])).toBe('60');
    const configTopic = `homeassistant/sensor/tibber_data/${String(objectId)}/config`;
    expect(recorder.on(configTopic)).toHaveLength(1);
  });

  it('describes enums with their options and binary sensors with ON/OFF', async () => {
    const { recorder } = await bridged();

    const status = configNamed(recorder, 'Charging status');
    expect(status).toMatchObject({
      device_class: 'enum',
      options: ['charging', 'idle', 'unknown'],
    });
    expect(status).not.toHaveProperty('unit_of_measurement');
    expect(latestOf(recorder, status['state_topic'])).toBe('idle');

    const online = [...configs(recorder)].find(([topic]) => topic.includes('/binary_sensor/'));
    expect(online?.[1]).toMatchObject({
      payload_on: 'ON',
      payload_off: 'OFF',
      device_class: 'connectivity',
      entity_category: 'diagnostic',
    });
    expect(latestOf(recorder, online?.[1]['state_topic'])).toBe('ON');
  });

  it('publishes exactly one new state when a value changes', async () => {
    const scenario = new StaticScenario();
    const { harness, recorder, sent, bridge } = await bridged(start({ scenario, start: false }));
    const before = recorder.messages.length;
    const sentBefore = sent.length;

    scenario.setValue(CAR, 'storage.stateOfCharge', 61);
    await harness.nextPoll();
    await until(() => recorder.messages.length > before);
    await bridge.published();

    const fresh = sent.slice(sentBefore).filter((m) => !m.topic.startsWith('test/'));
    const soc = configNamed(recorder, 'State of charge');
    expect(fresh).toEqual([{ topic: soc['state_topic'], payload: '61', retain: true }]);
  });

  it('says offline for the entities of an unavailable device after the grace window', async () => {
    let faulty: { fail(method: 'getDevice', error: Error): void } | undefined;
    const harnessed = startWithFaults(start, { start: false } satisfies HarnessOptions).then(
      (harness) => {
        faulty = harness.faulty;
        return harness;
      },
    );
    const { harness, recorder } = await bridged(harnessed);

    faulty?.fail('getDevice', new ServerError('503', 503));
    for (let i = 0; i < 3; i++) await harness.nextPoll();
    await until(() => recorder.matching(AVAILABILITY).length === 2 * ENTITIES);

    const availability = [...recorder.latest()].filter(([topic]) => AVAILABILITY.test(topic));
    expect(availability.map(([, payload]) => payload)).toEqual(
      Array<string>(ENTITIES).fill('offline'),
    );
  });

  it('clears the retained topics of a device that left its list', async () => {
    const scenario = new StaticScenario();
    const { harness, recorder, url, sent } = await bridged(start({ scenario, start: false }));
    const setpoint = configNamed(recorder, 'Setpoint');

    scenario.lists.set(HOME_A, [CAR, CHARGER]);
    await harness.coordinator.rediscover();
    await until(() => configs(recorder).size === ENTITIES - 2);

    const cleared = sent.filter((m) => m.payload === '');
    expect(cleared).toHaveLength(2 * 3);
    expect(cleared.every((message) => message.retain)).toBe(true);
    expect(latestOf(recorder, setpoint['state_topic'])).toBe('');
    // A client that connects now finds only what is left.
    const late = await MessageRecorder.connect(url);
    cleanups.push(() => late.close());
    await until(() => late.matching(CONFIG).length === ENTITIES - 2);
    expect(late.matching(CONFIG).every((m) => m.retain && m.payload !== '')).toBe(true);
  });

  it('publishes every config again when Home Assistant comes online', async () => {
    const { recorder } = await bridged();

    await recorder.client.publishAsync('homeassistant/status', 'online', { qos: 1 });
    await until(() => recorder.matching(CONFIG).length === 2 * ENTITIES);

    expect(recorder.matching(STATE)).toHaveLength(2 * ENTITIES);
  });

  it('reconnects after a backoff and publishes everything again', async () => {
    const clock = new ManualClock();
    const { broker, sent, harness } = await bridged(start({ start: false }), clock);
    const sentBefore = sent.length;

    broker.dropConnections();
    await until(() => clock.pendingDelaysMs().length === 1);
    expect(clock.pendingDelaysMs()).toEqual([1_000]);
    clock.advance(1_000);
    await until(() => sent.filter((m) => CONFIG.test(m.topic)).length === 2 * ENTITIES);

    const again = sent.slice(sentBefore);
    // The broker publishes the last will for the connection it lost, then the bridge is back.
    expect(again.filter((m) => m.topic === 'tibber-data/status')).toEqual([
      { topic: 'tibber-data/status', payload: 'offline', retain: true },
      { topic: 'tibber-data/status', payload: 'online', retain: true },
    ]);
    expect(again.filter((m) => STATE.test(m.topic))).toHaveLength(ENTITIES);
    expect(harness.logger.lines('warn')).toEqual(['warn: the MQTT broker is unreachable']);
  });

  it('says offline, retained, when stopped, and stops only once', async () => {
    const { bridge, recorder, sent } = await bridged();

    await bridge.stop();
    await bridge.stop();
    await until(() => recorder.on('tibber-data/status').at(-1)?.payload === 'offline');

    const statuses = sent.filter((m) => m.topic === 'tibber-data/status');
    expect(statuses.map((m) => [m.payload, m.retain])).toEqual([
      ['online', true],
      ['offline', true],
    ]);
  });

  it('never publishes a device identifier, in topics or payloads', async () => {
    const VIN = 'WVWZZZ1KZAW000001';
    const scenario = new StaticScenario();
    const car = scenario.details.get(CAR);
    if (car === undefined) throw new Error('no car');
    car.externalId = VIN;
    const { recorder, harness } = await bridged(start({ scenario, start: false }));

    const secrets = [VIN, 'Easee:Y2hhcmdlcjox', 'Mill:aGVhdGVyOjE', CAR, CHARGER, HEATER];
    const everything = recorder.messages.map((m) => `${m.topic} ${m.payload}`).join('\n');
    const lower = everything.toLowerCase();
    for (const secret of secrets) expect(lower).not.toContain(secret.toLowerCase());
    expect(harness.logger.dump().toLowerCase()).not.toContain(VIN.toLowerCase());
    expect(recorder.matching(CONFIG)).toHaveLength(ENTITIES);
  });
});
