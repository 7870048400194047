/**
 * `tibber-data/testing`: a realistic Tibber on loopback for a hub's own test suite. The
 * mock server, scenario builders, and the hand-moved clock that drives both.
 */
export * from './server/index.js';
export * from './scenario/index.js';
export { ManualClock } from '../shared/clock.js';
export type { Clock, Scheduler, TimerHandle } from '../shared/clock.js';
