import { DateTime } from 'luxon';

import type { CoordinatorListener, CoordinatorSnapshot } from '../coordinator/index.js';
import { DEFAULT_TIME_ZONE } from '../models/index.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import { describeAttribute, describeCapability, entityDevice } from './describe-entity.js';
import type { EntityAdapter, EntityRecord } from './entity-adapter.js';
import type { EntityState, ResetPeriod } from './entity.js';
import { attributeState, capabilityState } from './entity-state.js';

/**
 * Turns the coordinator's snapshots into entity events for adapters. Each time the
 * coordinator reports a change or an availability change, the entities of the new
 * snapshot are compared with the last ones by value: adapters hear of what was added,
 * renamed, removed, and whose state changed, and nothing else.
 */
export class EntityFeed implements CoordinatorListener {
  readonly #adapters: readonly EntityAdapter[];
  readonly #logger: Logger;
  #entities = new Map<string, EntityRecord>();
  #latest: CoordinatorSnapshot | undefined;

  constructor(adapters: readonly EntityAdapter[], logger: Logger = silentLogger) {
    this.#adapters = adapters;
    this.#logger = logger;
  }

  /** The entities as last told to the adapters. */
  get entities(): ReadonlyMap<string, EntityRecord> {
    return this.#entities;
  }

  changes(_changes: unknown, snapshot: CoordinatorSnapshot): void {
    this.sync(snapshot);
  }

  availabilityChanged(_event: unknown, snapshot: CoordinatorSnapshot): void {
    // One poll may change availability for several devices: the snapshot says it all once.
    if (snapshot !== this.#latest) this.sync(snapshot);
  }

  /** The coordinator's snapshot right now, e.g. after subscribing to a running one. */
  sync(snapshot: CoordinatorSnapshot): void {
    this.#latest = snapshot;
    this.#update(snapshot);
  }

  #update(snapshot: CoordinatorSnapshot): void {
    const next = entitiesOf(snapshot);
    const added: EntityRecord[] = [];
    const updated: EntityRecord[] = [];
    const states: EntityState[] = [];
    for (const [id, record] of next) {
      const old = this.#entities.get(id);
      if (old === undefined) added.push(record);
      else if (!sameJson([old.description, old.device], [record.description, record.device])) {
        updated.push(record);
      } else if (!sameJson(old.state, record.state)) {
        states.push(record.state);
      }
    }
    const removed = [...this.#entities.keys()].filter((id) => !next.has(id));
    this.#entities = next;

    this.#tell((a) => (added.length > 0 ? a.entitiesAdded?.(added) : undefined));
    this.#tell((a) => (updated.length > 0 ? a.entitiesUpdated?.(updated) : undefined));
    this.#tell((a) => (states.length > 0 ? a.statesChanged?.(states) : undefined));
    this.#tell((a) => (removed.length > 0 ? a.entitiesRemoved?.(removed) : undefined));
  }

  #tell(call: (adapter: EntityAdapter) => unknown): void {
    for (const adapter of this.#adapters) {
      try {
        const result = call(adapter);
        if (result instanceof Promise) {
          result.catch((error: unknown) => {
            this.#failed(error);
          });
        }
      } catch (error) {
        this.#failed(error);
      }
    }
  }

  #failed(error: unknown): void {
    this.#logger.error('an entity adapter failed; the others went on', {
      error: error instanceof Error ? error.name : typeof error,
    });
  }
}

/** Every entity of a snapshot, by unique id. */
export function entitiesOf(snapshot: CoordinatorSnapshot): Map<string, EntityRecord> {
  const entities = new Map<string, EntityRecord>();
  const zones = new Map(snapshot.homes.map((home) => [home.homeId, home.timeZone]));
  for (const entry of snapshot.devices) {
    const { device } = entry;
    const owner = entityDevice(device);
    const available = snapshot.available && entry.available;
    const zone = zones.get(device.homeId) ?? DEFAULT_TIME_ZONE;
    for (const capability of device.capabilities) {
      const description = describeCapability(device, capability);
      const state = withLastReset(
        capabilityState(description, capability, available),
        description.resetsEvery,
        capability.lastUpdated,
        zone,
      );
      entities.set(description.uniqueId, { description, device: owner, state });
    }
    for (const attribute of device.attributes) {
      const described = describeAttribute(device, attribute);
      if (described === undefined) continue;
      // Capabilities and attributes share one id space; should a device give both the same
      // id, the capability keeps the plain unique id and the attribute gets a suffix.
      const description = entities.has(described.uniqueId)
        ? { ...described, uniqueId: `${described.uniqueId}_attribute` }
        : described;
      const state = attributeState(description, attribute, available);
      entities.set(description.uniqueId, { description, device: owner, state });
    }
  }
  return entities;
}

/**
 * The start of the period a resetting counter's value belongs to, in the home's zone: the
 * counters reset at local midnight (or hour, week, month, year), 23- and 25-hour days too.
 */
function withLastReset(
  state: EntityState,
  period: ResetPeriod | undefined,
  lastUpdated: string,
  zone: string,
): EntityState {
  if (period === undefined) return state;
  const start = DateTime.fromISO(lastUpdated, { zone }).startOf(period).toISO();
  return start === null ? state : { ...state, lastReset: start };
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
