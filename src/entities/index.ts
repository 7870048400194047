/** Home-Assistant-style entities from the coordinator's snapshots, and adapters for hubs. */
export type {
  EntityDescription,
  EntityDevice,
  EntityPlatform,
  EntitySource,
  EntityState,
  ResetPeriod,
  StateClass,
} from './entity.js';
export type { EntityAdapter, EntityRecord } from './entity-adapter.js';
export { EntityFeed, entitiesOf } from './entity-feed.js';
export { EntityRegistry } from './entity-registry.js';
export type { RegistryChange } from './entity-registry.js';
export {
  describeAttribute,
  describeCapability,
  entityDevice,
  entityUniqueId,
} from './describe-entity.js';
export { attributeState, capabilityState } from './entity-state.js';
export { buildDiagnostics } from './diagnostics.js';
export type { DiagnosticsInput } from './diagnostics.js';
export { HomeAssistantMqttBridge } from './home-assistant-mqtt-bridge.js';
export type { HomeAssistantMqttBridgeOptions } from './home-assistant-mqtt-bridge.js';
