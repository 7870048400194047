import { afterEach, describe, expect, it } from 'vitest';

import { EntityFeed } from '../../../src/entities/entity-feed.js';
import { HomeAssistantMqttBridge } from '../../../src/entities/home-assistant-mqtt-bridge.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { useCoordinatorHarness } from '../../coordinator/harness.js';
import { CHARGER, StaticScenario } from '../../coordinator/static-scenario.js';
import { MessageRecorder, startBroker, until } from './broker.js';

const start = useCoordinatorHarness();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('counters that reset', () => {
  it('send their value with the start of the period, in the home zone', async () => {
    const broker = await startBroker();
    cleanups.push(() => broker.close());
    const homeAssistant = await MessageRecorder.connect(broker.url);
    cleanups.push(() => homeAssistant.close());
    const scenario = new StaticScenario();
    scenario.details.get(CHARGER)?.capabilities.push({
      id: 'energyFlow.day.grid.imported',
      description: 'grid imported',
      value: 4_200,
      unit: 'Wh',
    });
    const harness = await start({ scenario, start: false });
    const bridge = new HomeAssistantMqttBridge({ url: broker.url, scheduler: new ManualClock() });
    cleanups.push(() => bridge.stop());
    await bridge.start();
    harness.coordinator.subscribe(new EntityFeed([bridge]));
    await harness.coordinator.start();

    const isCounter = (topic: string): boolean => topic.includes('energyflow_day_grid_imported');
    await until(() => homeAssistant.messages.filter((m) => isCounter(m.topic)).length >= 3);
    const latest = homeAssistant.latest();
    const configTopic = [...latest.keys()].find((t) => isCounter(t) && t.endsWith('/config'));
    const config = JSON.parse(latest.get(configTopic ?? '') ?? '{}') as Record<string, unknown>;
    const state = latest.get(String(config['state_topic']));

    expect(config).toMatchObject({
      state_class: 'total',
      device_class: 'energy',
      unit_of_measurement: 'kWh',
      value_template: '{{ value_json.value }}',
      last_reset_value_template: '{{ value_json.last_reset }}',
    });
    // lastSeen 09:59 UTC on 1 June is 11:59 in Oslo: the day began at local midnight.
    expect(JSON.parse(state ?? '{}')).toEqual({
      value: 4.2,
      last_reset: '2026-06-01T00:00:00.000+02:00',
    });
  });
});
