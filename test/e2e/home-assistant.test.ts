import { afterEach, describe, expect, it } from 'vitest';

import { EntityFeed } from '../../src/entities/entity-feed.js';
import { HomeAssistantMqttBridge } from '../../src/entities/home-assistant-mqtt-bridge.js';
import { ManualClock } from '../../src/shared/clock.js';
import { ServerError } from '../../src/shared/errors.js';
import { signedInManager, startWithFaults, useCoordinatorHarness } from '../coordinator/harness.js';
import { CAR, CHARGER, HOME_A, StaticScenario } from '../coordinator/static-scenario.js';
import { MessageRecorder, startBroker, until } from '../entities/mqtt/broker.js';

const start = useCoordinatorHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CONFIG = /^homeassistant\/(sensor|binary_sensor)\/tibber_data\/[^/]+\/config$/;

/**
 * The whole way to Home Assistant: the mock Tibber, a session whose tokens rotate, the
 * client, the coordinator, the entity feed, the MQTT bridge, a real broker, and a client
 * subscribed as Home Assistant would be.
 */
describe('mock Tibber to Home Assistant over MQTT', () => {
  it('shows discovery, states and availability, then a change, an outage, a removal', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const homeAssistant = await MessageRecorder.connect(broker.url);
    cleanups.push(() => homeAssistant.close());
    const scenario = new StaticScenario();
    const harness = await startWithFaults(start, {
      scenario,
      start: false,
      server: { accessTokenTtlSeconds: 3_600 },
      auth: (server, clock) => signedInManager(server, clock),
    });
    const bridge = new HomeAssistantMqttBridge({ url: broker.url, scheduler: new ManualClock() });
    cleanups.push(() => bridge.stop());
    await bridge.start();
    harness.coordinator.subscribe(new EntityFeed([bridge], harness.logger));
    await harness.coordinator.start();

    await until(() => homeAssistant.matching(CONFIG).length === 8);
    const latest = (): Map<string, string> => homeAssistant.latest();
    expect(latest().get('tibber-data/status')).toBe('online');
    const configs = homeAssistant.matching(CONFIG).map((m) => JSON.parse(m.payload) as {
      state_topic: string;
      name: string;
      availability: { topic: string }[];
    });
    const charge = configs.find((c) => c.name === 'State of charge');
    const chargeState = charge?.state_topic ?? '';
    const chargeAvailability = charge?.availability[1]?.topic ?? '';
    expect(latest().get(chargeState)).toBe('60');
    expect(latest().get(chargeAvailability)).toBe('online');

    scenario.setValue(CAR, 'storage.stateOfCharge', 64);
    await harness.nextPoll();
    await until(() => latest().get(chargeState) === '64');

    harness.faulty.fail('getDevice', new ServerError('503', 503), CAR);
    for (let i = 0; i < 4; i++) await harness.nextPoll();
    await until(() => latest().get(chargeAvailability) === 'offline');

    harness.faulty.heal();
    scenario.lists.set(HOME_A, [CAR, CHARGER]);
    await harness.coordinator.rediscover();
    const heaterConfigs = (): string[] =>
      homeAssistant.matching(CONFIG).filter((m) => m.topic.includes('temp_setpoint'))
        .map((m) => m.payload);
    await until(() => heaterConfigs().at(-1) === '');

    expect(latest().get(chargeAvailability)).toBe('online');
    expect(harness.listener.reauth).toEqual([]);
    const payloads = homeAssistant.messages.map((m) => `${m.topic} ${m.payload}`).join('\n');
    for (const device of scenario.details.values()) {
      expect(payloads).not.toContain(device.externalId);
      expect(payloads).not.toContain(device.id);
    }
  });
});
