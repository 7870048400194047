import { noise } from './random.js';

/**
 * When vendors report to Tibber. `status.lastSeen` is the last report, and the values a
 * detail response shows are that report's, so they move in the vendor's steps.
 */

/**
 * The latest report at or before `nowMs` of a source that reports every `everyMs`, each
 * report late by up to `jitterMs` (whole seconds, so lastSeen reads like the wire's).
 */
export function periodicReportMs(
  nowMs: number,
  everyMs: number,
  jitterMs: number,
  seed: number,
): number {
  const cycle = Math.floor(nowMs / everyMs);
  const report = reportOfCycle(cycle, everyMs, jitterMs, seed);
  return report <= nowMs ? report : reportOfCycle(cycle - 1, everyMs, jitterMs, seed);
}

function reportOfCycle(cycle: number, everyMs: number, jitterMs: number, seed: number): number {
  const lateMs = Math.floor((noise(seed, cycle, 77) * jitterMs) / 1_000) * 1_000;
  return cycle * everyMs + lateMs;
}
