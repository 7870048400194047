/**
 * The capability ids seen in the field (tibber-data-api.md). An id outside these is kept
 * and mapped generically; the catalogue only decides warnings, ratios and diagnostics.
 */
const KNOWN_IDS: ReadonlySet<string> = new Set([
  'storage.stateOfCharge',
  'storage.targetStateOfCharge',
  'storage.availableEnergy',
  'storage.ratedCapacity',
  'storage.ratedPower',
  'range.remaining',
  'connector.status',
  'charging.status',
  'charging.current.max',
  'charging.current.offlineFallback',
  'grid.phaseCount',
  'cellular.rssi',
  'connectivity.wifi',
  'connectivity.cellular',
  'temp.setpoint',
  'temp.current',
  'temp.comfort',
  'onOff',
]);

const POWER_FLOW_POWER = /^powerFlow\.(battery|grid|load|solar)\.power$/;

/**
 * The members of `powerFlow` named by a direction (`toGrid`, `fromSolar`, …) sit directly
 * under it and are shares of a flow: the wire sends them as a 0–1 ratio labelled `%`.
 * Watts live one level deeper (`powerFlow.grid.power`), so the two never match each other.
 */
const POWER_FLOW_RATIO = /^powerFlow\.(to|from)[A-Z][A-Za-z]*$/;

/**
 * Counters that reset each period, about seventy on one battery. The last part is an action
 * (`charged`) or, one level deeper, where the energy came from (`source.grid`).
 */
const ENERGY_FLOW =
  /^energyFlow\.(hour|day|week|month|year)\.(battery|grid|load|solar)\.(\w+|source\.\w+)$/;

export function isKnownCapabilityId(id: string): boolean {
  const families = [POWER_FLOW_POWER, POWER_FLOW_RATIO, ENERGY_FLOW];
  return KNOWN_IDS.has(id) || families.some((family) => family.test(id));
}

/** A ratio sent under `%`; scaled to percent only when its unit is `%`. */
export function isRatioCapabilityId(id: string): boolean {
  return POWER_FLOW_RATIO.test(id);
}

/** Radio and link quality: diagnostics, never an entity's state. */
export function isDiagnosticCapabilityId(id: string): boolean {
  return id.startsWith('cellular.') || id.startsWith('connectivity.');
}
