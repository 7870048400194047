import type { MappingIssue } from '../models/index.js';
import type { ReauthorizationRequiredError } from '../shared/errors.js';
import type { Change } from './changes.js';
import type { CoordinatorSnapshot } from './snapshot.js';

export interface AvailabilityEvent {
  /** The device whose availability changed; absent for the coordinator as a whole. */
  readonly deviceId?: string;
  readonly available: boolean;
  /** What made it unavailable. */
  readonly error?: Error;
}

export interface PersistentProblemEvent {
  readonly deviceId: string;
  /** The item, the rule, and why; the item keeps its last valid value meanwhile. */
  readonly issue: MappingIssue;
  /** Polls in a row it has been invalid. */
  readonly polls: number;
}

/**
 * What an adapter hears. Every method is optional; a method that throws or rejects is
 * logged and keeps neither the other listeners nor the polling from going on.
 */
export interface CoordinatorListener {
  /** A poll's changes, in order, with the snapshot after it; never called with none. */
  changes?(changes: readonly Change[], snapshot: CoordinatorSnapshot): unknown;
  /** With the snapshot it is part of: a failed poll changes availability, not data. */
  availabilityChanged?(event: AvailabilityEvent, snapshot: CoordinatorSnapshot): unknown;
  /** Polling has stopped until `resume()` after a new sign-in; told once. */
  reauthRequired?(error: ReauthorizationRequiredError): unknown;
  persistentProblem?(event: PersistentProblemEvent): unknown;
}
