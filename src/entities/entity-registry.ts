import type {
  CoordinatorListener,
  CoordinatorSnapshot,
  AvailabilityEvent,
} from '../coordinator/index.js';
import { Listeners } from '../shared/listeners.js';
import type { Logger } from '../shared/logger.js';
import { silentLogger } from '../shared/logger.js';
import type { EntityAdapter, EntityRecord } from './entity-adapter.js';
import type { EntityPlatform, EntityState } from './entity.js';
import { EntityFeed } from './entity-feed.js';

/** What changed in the registry at once. */
export interface RegistryChange {
  readonly added: readonly EntityRecord[];
  readonly updated: readonly EntityRecord[];
  readonly states: readonly EntityState[];
  readonly removed: readonly string[];
}

/**
 * Entities in memory, for a dashboard: subscribe it to the coordinator, then query by
 * home, device or platform, and listen for what changed.
 */
export class EntityRegistry implements CoordinatorListener {
  readonly #records = new Map<string, EntityRecord>();
  readonly #listeners: Listeners<RegistryChange>;
  readonly #feed: EntityFeed;

  constructor(options: { readonly logger?: Logger } = {}) {
    const logger = options.logger ?? silentLogger;
    this.#listeners = new Listeners((error) => {
      logger.error('an entity registry listener failed', {
        error: error instanceof Error ? error.name : typeof error,
      });
    });
    const adapter: EntityAdapter = {
      entitiesAdded: (added) => {
        this.#apply({ added, updated: [], states: [], removed: [] });
      },
      entitiesUpdated: (updated) => {
        this.#apply({ added: [], updated, states: [], removed: [] });
      },
      statesChanged: (states) => {
        this.#apply({ added: [], updated: [], states, removed: [] });
      },
      entitiesRemoved: (removed) => {
        this.#apply({ added: [], updated: [], states: [], removed });
      },
    };
    this.#feed = new EntityFeed([adapter], logger);
  }

  changes(changes: unknown, snapshot: CoordinatorSnapshot): void {
    this.#feed.changes(changes, snapshot);
  }

  availabilityChanged(event: AvailabilityEvent, snapshot: CoordinatorSnapshot): void {
    this.#feed.availabilityChanged(event, snapshot);
  }

  /** Listens for changes; the returned function stops listening. */
  onChange(listener: (change: RegistryChange) => unknown): () => void {
    return this.#listeners.add(listener);
  }

  get size(): number {
    return this.#records.size;
  }

  get(uniqueId: string): EntityRecord | undefined {
    return this.#records.get(uniqueId);
  }

  all(): EntityRecord[] {
    return [...this.#records.values()];
  }

  byDevice(deviceId: string): EntityRecord[] {
    return this.all().filter((record) => record.device.deviceId === deviceId);
  }

  byHome(homeId: string): EntityRecord[] {
    return this.all().filter((record) => record.device.homeId === homeId);
  }

  byPlatform(platform: EntityPlatform): EntityRecord[] {
    return this.all().filter((record) => record.description.platform === platform);
  }

  #apply(change: RegistryChange): void {
    for (const record of [...change.added, ...change.updated]) {
      this.#records.set(record.description.uniqueId, record);
    }
    for (const state of change.states) {
      const record = this.#records.get(state.uniqueId);
      if (record !== undefined) this.#records.set(state.uniqueId, { ...record, state });
    }
    for (const uniqueId of change.removed) this.#records.delete(uniqueId);
    this.#listeners.emit(change);
  }
}
