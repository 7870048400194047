import { deriveSeed, mulberry32 } from './random.js';
import type { WireHome } from './source.js';
import type { HomeSpec } from './specs.js';
import { uuidFrom } from './wire-ids.js';
import { isValidZone, standardOffsetMs } from './zone-time.js';

/** A home of a scenario, resolved from its spec. */
export interface ScenarioHome {
  readonly key: string;
  readonly id: string;
  readonly spec: HomeSpec;
  readonly timeZone: string;
  readonly latitude: number;
  readonly standardOffsetMs: number;
}

export function createHome(spec: HomeSpec, scenarioSeed: number): ScenarioHome {
  if (!isValidZone(spec.timeZone)) {
    throw new RangeError(`home "${spec.key}" has an unknown time zone "${spec.timeZone}"`);
  }
  const latitude = spec.latitude ?? 59.9;
  if (!(latitude >= -90 && latitude <= 90)) {
    throw new RangeError(`home "${spec.key}" has a latitude outside -90..90: ${latitude}`);
  }
  return {
    key: spec.key,
    id: spec.id ?? uuidFrom(mulberry32(deriveSeed(scenarioSeed, `home:${spec.key}`))),
    spec,
    timeZone: spec.timeZone,
    latitude,
    standardOffsetMs: standardOffsetMs(spec.timeZone),
  };
}

/** The home as `/v1/homes` lists it: the name at the root or under `info`, as specified. */
export function homePayload(home: ScenarioHome): WireHome {
  const { name, nameAt, extraFields } = home.spec;
  const payload: WireHome =
    nameAt === 'info' ? { id: home.id, info: { name } } : { id: home.id, name };
  for (const [field, value] of Object.entries(extraFields ?? {})) {
    if (!(field in payload)) payload[field] = structuredClone(value);
  }
  return payload;
}
