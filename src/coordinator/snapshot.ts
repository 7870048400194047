import type { TibberDevice, TibberHome } from '../models/index.js';

/** One device as the coordinator holds it. */
export interface DeviceEntry {
  /** Last good values: a capability missing or `null` for a poll keeps its previous one. */
  readonly device: TibberDevice;
  /** Every home that lists it (vehicles are listed under each). */
  readonly homeIds: readonly string[];
  /** False once its data has failed for longer than the grace window. */
  readonly available: boolean;
  /** When its detail last arrived (UTC ISO); absent before the first. */
  readonly lastSuccessAt?: string;
  /** Since when its detail has failed, while it does (UTC ISO). */
  readonly staleSince?: string;
}

/** What the coordinator knew after one poll. Frozen throughout; compared by value. */
export interface CoordinatorSnapshot {
  /** Homes, each with its devices attached. */
  readonly homes: readonly TibberHome[];
  /** Each device once, in the order the homes list them. */
  readonly devices: readonly DeviceEntry[];
  readonly takenAt: string;
  /** False once the whole API has failed for longer than the grace window. */
  readonly available: boolean;
}

export const EMPTY_SNAPSHOT: CoordinatorSnapshot = Object.freeze({
  homes: Object.freeze([]),
  devices: Object.freeze([]),
  takenAt: new Date(0).toISOString(),
  available: false,
});
