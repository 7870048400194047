/** Polling, caching and change detection over the Data API. */
export { TibberDataCoordinator } from './tibber-data-coordinator.js';
export type {
  CoordinatorClient,
  TibberDataCoordinatorOptions,
} from './coordinator-settings.js';
export type {
  AvailabilityEvent,
  CoordinatorListener,
  PersistentProblemEvent,
} from './coordinator-events.js';
export type { Change, ChangeKind } from './changes.js';
export type { CoordinatorSnapshot, DeviceEntry } from './snapshot.js';
