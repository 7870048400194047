import { describe, expect, it } from 'vitest';

import type { EntityAdapter, EntityRecord } from '../../src/entities/entity-adapter.js';
import type { EntityState } from '../../src/entities/entity.js';
import { EntityFeed } from '../../src/entities/entity-feed.js';
import { EntityRegistry } from '../../src/entities/entity-registry.js';
import { ServerError } from '../../src/shared/errors.js';
import {
  CAR,
  CHARGER,
  HEATER,
  HOME_A,
  HOME_B,
  StaticScenario,
} from '../coordinator/static-scenario.js';
import { startWithFaults, useCoordinatorHarness } from '../coordinator/harness.js';

const start = useCoordinatorHarness();

/** Everything an adapter heard, call by call. */
class RecordingAdapter implements EntityAdapter {
  readonly calls: string[] = [];
  readonly states: EntityState[][] = [];

  entitiesAdded(entities: readonly EntityRecord[]): void {
    this.calls.push(`added ${entities.length}`);
  }

  entitiesUpdated(entities: readonly EntityRecord[]): void {
    this.calls.push(`updated ${entities.map((e) => e.description.uniqueId).join()}`);
  }

  statesChanged(states: readonly EntityState[]): void {
    this.calls.push(`states ${states.map((s) => s.uniqueId).join()}`);
    this.states.push([...states]);
  }

  entitiesRemoved(uniqueIds: readonly string[]): void {
    this.calls.push(`removed ${uniqueIds.length}`);
  }
}

async function withRegistry(scenario = new StaticScenario()) {
  const harness = await start({ scenario, start: false });
  const registry = new EntityRegistry();
  const adapter = new RecordingAdapter();
  harness.coordinator.subscribe(registry);
  harness.coordinator.subscribe(new EntityFeed([adapter]));
  await harness.coordinator.start();
  return { ...harness, scenario, registry, adapter };
}

describe('EntityRegistry', () => {
  it('holds an entity per capability and online attribute, queryable', async () => {
    const { registry } = await withRegistry();

    expect(registry.byDevice(CAR).map((r) => r.description.source.id)).toEqual([
      'storage.stateOfCharge',
      'range.remaining',
      'isOnline',
    ]);
    expect(registry.byHome(HOME_A)).toHaveLength(registry.size);
    expect(registry.byHome(HOME_B)).toEqual([]);
    expect(registry.byPlatform('enum_sensor').map((r) => r.description.source.id)).toEqual([
      'charging.status',
    ]);
    const range = registry.byDevice(CAR).find((r) => r.description.source.id === 'range.remaining');
    expect(range?.state).toMatchObject({ value: 300, available: true });
    expect(range?.description.unit).toBe('km');
  });

  it('tells adapters only what changed, by value', async () => {
    const { scenario, adapter, nextPoll, registry } = await withRegistry();
    const soc = registry.byDevice(CAR)[0]?.description.uniqueId ?? '';

    await nextPoll();
    scenario.setValue(CAR, 'storage.stateOfCharge', 61);
    await nextPoll();

    expect(adapter.calls).toEqual(['added 8', `states ${soc}`]);
    expect(registry.get(soc)?.state.value).toBe(61);
  });

  it('marks every entity unavailable after the grace window, and back', async () => {
    const harness = await startWithFaults(start, { start: false });
    const registry = new EntityRegistry();
    harness.coordinator.subscribe(registry);
    await harness.coordinator.start();
    harness.faulty.fail('getDevice', new ServerError('503', 503));

    for (let i = 0; i < 3; i++) await harness.nextPoll();
    expect(registry.all().every((r) => !r.state.available)).toBe(true);
    harness.faulty.heal();
    await harness.nextPoll();

    expect(registry.all().every((r) => r.state.available)).toBe(true);
  });

  it('removes the entities of a device that left its list', async () => {
    const { scenario, coordinator, adapter, registry } = await withRegistry();
    scenario.lists.set(HOME_A, [CAR, CHARGER]);

    await coordinator.rediscover();

    expect(registry.byDevice(HEATER)).toEqual([]);
    expect(adapter.calls.at(-1)).toBe('removed 2');
  });

  it('keeps going when an adapter throws', async () => {
    const scenario = new StaticScenario();
    const harness = await start({ scenario, start: false });
    const registry = new EntityRegistry();
    const failing: EntityAdapter = {
      entitiesAdded: () => {
        throw new Error('boom');
      },
    };
    harness.coordinator.subscribe(new EntityFeed([failing], harness.logger));
    harness.coordinator.subscribe(registry);

    await harness.coordinator.start();

    expect(registry.size).toBe(8);
    expect(harness.logger.lines('error')).toEqual([
      'error: an entity adapter failed; the others went on',
    ]);
  });
});

describe('unique ids', () => {
  it('stay distinct when a capability and an attribute share an id', async () => {
    const scenario = new StaticScenario();
    scenario.details.get(CAR)?.attributes.push({ id: 'range.remaining', value: 'estimated' });
    const { registry } = await withRegistry(scenario);

    const ids = registry.byDevice(CAR).map((r) => r.description.uniqueId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.endsWith('range_remaining_attribute'))).toHaveLength(1);
  });
});
