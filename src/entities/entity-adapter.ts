import type { EntityDescription, EntityDevice, EntityState } from './entity.js';

/** An entity whole: what it is, whose it is, and its state now. */
export interface EntityRecord {
  readonly description: EntityDescription;
  readonly device: EntityDevice;
  readonly state: EntityState;
}

/**
 * What a hub implements to receive entities. Every method is optional and called only
 * with something in it; one that throws or rejects is logged and keeps neither the other
 * adapters nor the polling from going on.
 */
export interface EntityAdapter {
  /** New entities, with their first state. */
  entitiesAdded?(entities: readonly EntityRecord[]): unknown;
  /** Entities whose description changed (a rename, a new unit), with their state. */
  entitiesUpdated?(entities: readonly EntityRecord[]): unknown;
  /** New states, availability included; only for entities whose state changed. */
  statesChanged?(states: readonly EntityState[]): unknown;
  /** Entities gone for good: their device left, or the capability was removed. */
  entitiesRemoved?(uniqueIds: readonly string[]): unknown;
}
