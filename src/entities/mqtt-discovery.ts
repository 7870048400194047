import { fingerprint } from '../models/redaction.js';
import type { EntityRecord } from './entity-adapter.js';
import type { EntityDescription, EntityDevice, EntityPlatform, EntityState } from './entity.js';

/**
 * Home Assistant's MQTT discovery, as payloads. A unique id and an externalId may hold a VIN
 * or a serial number, and everything published reaches every client of the broker: they
 * appear only as fingerprints, in topics and payloads alike.
 */
export interface DiscoveryTopics {
  /** Where Home Assistant looks for configs, `homeassistant` unless changed there. */
  readonly discoveryPrefix: string;
  /** The root of this bridge's own topics. */
  readonly baseTopic: string;
}

export interface MqttMessage {
  readonly topic: string;
  /** An empty payload on a retained topic clears it. */
  readonly payload: string;
}

/** An entity's three topics. */
export interface EntityTopics {
  readonly config: string;
  readonly state: string;
  readonly availability: string;
}

export const ONLINE = 'online';
export const OFFLINE = 'offline';

/** `<base>/status`: the bridge's own availability, and its last will. */
export function bridgeStatusTopic(topics: DiscoveryTopics): string {
  return `${topics.baseTopic}/status`;
}

/** `<prefix>/status`: Home Assistant says `online` there when it (re)starts. */
export function homeAssistantStatusTopic(topics: DiscoveryTopics): string {
  return `${topics.discoveryPrefix}/status`;
}

/**
 * `td_<fingerprint of the unique id>_<source id>`: stable as the unique id is, readable
 * enough to find in a broker, and free of the device's identifiers.
 */
export function objectIdOf(description: EntityDescription): string {
  return `td_${fingerprint(description.uniqueId)}_${sanitise(description.source.id)}`;
}

export function entityTopics(
  description: EntityDescription,
  topics: DiscoveryTopics,
): EntityTopics {
  const objectId = objectIdOf(description);
  const component = componentOf(description.platform);

  return {
    config: `${topics.discoveryPrefix}/${component}/tibber_data/${objectId}/config`,
    state: `${topics.baseTopic}/${objectId}/state`,
    availability: `${topics.baseTopic}/${objectId}/availability`,
  };
}

/** The discovery config of an entity, as JSON. */
export function discoveryConfig(record: EntityRecord, topics: DiscoveryTopics): string {
  const { description } = record;
  const objectId = objectIdOf(description);
  const own = entityTopics(description, topics);

  const config: Record<string, unknown> = {
    name: description.name,
    unique_id: objectId,
    object_id: objectId,
    has_entity_name: true,
    state_topic: own.state,
    availability: [{ topic: bridgeStatusTopic(topics) }, { topic: own.availability }],
    availability_mode: 'all',
    ...platformFields(description),
    ...(description.entityCategory === undefined
      ? {}
      : { entity_category: description.entityCategory }),
    enabled_by_default: description.enabledByDefault,
    device: deviceConfig(record.device),
    origin: { name: 'tibber-data' },
  };
  return JSON.stringify(config);
}

/**
 * `ON`/`OFF` for a binary sensor, the value as text otherwise, `None` for unknown. A counter
 * that resets sends JSON with its `last_reset`, which its config's templates read.
 */
export function statePayload(platform: EntityPlatform, state: EntityState): string {
  const { value } = state;
  if (state.lastReset !== undefined) {
    return JSON.stringify({ value: value ?? 'None', last_reset: state.lastReset });
  }
  if (value === null) return 'None';
  if (platform === 'binary_sensor' && typeof value === 'boolean') return value ? 'ON' : 'OFF';
  return String(value);
}

export function availabilityPayload(state: EntityState): string {
  return state.available ? ONLINE : OFFLINE;
}

/** The config, state and availability of an entity, in the order Home Assistant wants them. */
export function entityMessages(record: EntityRecord, topics: DiscoveryTopics): MqttMessage[] {
  const own = entityTopics(record.description, topics);

  return [
    { topic: own.config, payload: discoveryConfig(record, topics) },
    { topic: own.state, payload: statePayload(record.description.platform, record.state) },
    { topic: own.availability, payload: availabilityPayload(record.state) },
  ];
}

/** Empty retained payloads: the broker forgets the entity, and Home Assistant removes it. */
export function clearingMessages(
  description: EntityDescription,
  topics: DiscoveryTopics,
): MqttMessage[] {
  const own = entityTopics(description, topics);
  return [own.config, own.state, own.availability].map((topic) => ({ topic, payload: '' }));
}

function componentOf(platform: EntityPlatform): 'sensor' | 'binary_sensor' {
  switch (platform) {
    case 'sensor':
    case 'enum_sensor':
      return 'sensor';
    case 'binary_sensor':
      return 'binary_sensor';
  }
}

/** Home Assistant rejects units, state classes and precision on enums and binary sensors. */
function platformFields(description: EntityDescription): Record<string, unknown> {
  switch (description.platform) {
    case 'sensor':
      return {
        ...optional('device_class', description.deviceClass),
        ...optional('unit_of_measurement', description.unit),
        ...optional('state_class', description.stateClass),
        ...optional('suggested_display_precision', description.displayPrecision),
        ...(description.resetsEvery === undefined
          ? {}
          : {
              value_template: '{{ value_json.value }}',
              last_reset_value_template: '{{ value_json.last_reset }}',
            }),
      };
    case 'enum_sensor':
      return { device_class: 'enum', options: [...(description.options ?? [])] };
    case 'binary_sensor':
      return {
        ...optional('device_class', description.deviceClass),
        payload_on: 'ON',
        payload_off: 'OFF',
      };
  }
}

function deviceConfig(device: EntityDevice): Record<string, unknown> {
  // As for unique ids, the device id stands in when a vendor sends an empty externalId.
  const key = device.externalId.trim() === '' ? device.deviceId : device.externalId;

  return {
    identifiers: [`td_${fingerprint(key)}`],
    name: device.name,
    manufacturer: device.manufacturer,
    ...optional('model', device.model),
  };
}

function optional(key: string, value: string | number | undefined): Record<string, unknown> {
  return value === undefined ? {} : { [key]: value };
}

function sanitise(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]/g, '_');
}
