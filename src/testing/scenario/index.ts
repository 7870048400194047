/**
 * Scenarios for the mock Tibber server: homes and devices whose values evolve with the
 * server's clock, deterministically for a seed.
 */
export type * from './source.js';
export type * from './specs.js';
export type {
  CapabilityDescriptor,
  EnumeratedCapability,
  MeasuredCapability,
} from './capability.js';
export type { DeviceKind } from './device-kind.js';
export { DEVICE_KINDS, REQUIRED_SCOPES } from './device-kind.js';
export { ScenarioBuilder } from './builder.js';
export type { ScenarioBuilderOptions } from './builder.js';
export { Scenario } from './scenario.js';
export { createDemoScenario } from './demo.js';
export type { DemoScenarioOptions } from './demo.js';
export { generateScaleScenario } from './scale.js';
export type { ScaleScenarioOptions } from './scale.js';
export { timeLapse } from './time-lapse.js';
export type { TimeLapseOptions } from './time-lapse.js';
export { mulberry32 } from './random.js';
export type { Random } from './random.js';
