import type { DeviceKind } from './device-kind.js';
import { deriveSeed, mulberry32 } from './random.js';
import { Scenario } from './scenario.js';
import type { DeviceSpec } from './specs.js';
import { uuidFrom } from './wire-ids.js';

export interface ScaleScenarioOptions {
  readonly homes: number;
  readonly devicesPerHome: number;
  /** Each device's capability list is cut or padded to this many. */
  readonly capabilitiesPerDevice: number;
  readonly seed: number;
  /**
   * Kinds the devices of each home cycle through. Default `['battery']`: the kind that
   * carries 70 and more capabilities on the real wire.
   */
  readonly kinds?: readonly DeviceKind[];
  /** Default `Europe/Oslo`. */
  readonly timeZone?: string;
}

const SHARED_SITES = 8;

const DEVICE_NAMES: Readonly<Record<DeviceKind, string>> = {
  vehicle: 'Car',
  charger: 'Charger',
  battery: 'Battery',
  thermostat: 'Thermostat',
  inverter: 'Inverter',
};

/**
 * A large account for load tests, deterministic for its options. Energy devices share
 * one of a few sites (weather and habits), so the first detail requests pay for the
 * counters' year so far once per site and later ones reuse it.
 */
export function generateScaleScenario(options: ScaleScenarioOptions): Scenario {
  const { homes, devicesPerHome, capabilitiesPerDevice, seed } = options;
  requireCount('homes', homes, 1);
  requireCount('devicesPerHome', devicesPerHome, 0);
  requireCount('capabilitiesPerDevice', capabilitiesPerDevice, 0);
  const kinds = options.kinds ?? ['battery'];
  if (kinds.length === 0) throw new RangeError('kinds must name at least one device kind');

  const user = {
    sub: uuidFrom(mulberry32(deriveSeed(seed, 'user'))),
    name: 'Load Test',
    email: 'load.test@example.com',
  };
  const scenario = new Scenario(seed, user);
  const timeZone = options.timeZone ?? 'Europe/Oslo';
  for (let home = 1; home <= homes; home++) {
    const homeKey = `home-${home}`;
    const nameAt = home % 2 === 0 ? 'info' : 'root';
    scenario.addHome({ key: homeKey, name: `Home ${home}`, nameAt, timeZone });

    // A handful of sites shared round the homes keeps the first poll of thousands cheap.
    const siteSeed = deriveSeed(seed, `site:${home % SHARED_SITES}`);
    for (let index = 0; index < devicesPerHome; index++) {
      const kind = kinds[index % kinds.length] ?? 'battery';
      scenario.addDevice(scaleDevice(kind, homeKey, index, siteSeed, capabilitiesPerDevice));
    }
  }
  return scenario;
}

function scaleDevice(
  kind: DeviceKind,
  homeKey: string,
  index: number,
  siteSeed: number,
  capabilityCount: number,
): DeviceSpec {
  const base = {
    key: `${homeKey}-device-${index + 1}`,
    homes: [homeKey],
    name: `${DEVICE_NAMES[kind]} ${index + 1}`,
    capabilityCount,
  };
  switch (kind) {
    case 'battery':
      return { ...base, kind, siteSeed, capacityWh: 5_000 + (index % 4) * 2_500 };
    case 'inverter':
      return { ...base, kind, siteSeed, solarPeakW: 4_000 + (index % 3) * 2_000 };
    case 'vehicle':
    case 'charger':
    case 'thermostat':
      return { ...base, kind };
  }
}

function requireCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new RangeError(`${name} must be an integer of at least ${minimum}, got ${value}`);
  }
}
