import { deriveSeed, mulberry32 } from './random.js';
import { Scenario } from './scenario.js';
import type { MockUser } from './source.js';
import type {
  BatterySpec,
  ChargerSpec,
  DeviceOptions,
  DeviceSpec,
  HomeSpec,
  InverterSpec,
  MockUserSpec,
  ThermostatSpec,
  VehicleSpec,
} from './specs.js';
import { uuidFrom } from './wire-ids.js';

export interface ScenarioBuilderOptions {
  /** Everything drawn (ids, serials, weather, trips) follows from it. Default 1. */
  readonly seed?: number;
}

/**
 * Describes a Tibber account: its user, homes and devices.
 *
 * ```ts
 * const scenario = new ScenarioBuilder({ seed: 7 })
 *   .home('main', { name: 'Main house', nameAt: 'info', timeZone: 'Europe/Oslo' })
 *   .vehicle('car', { homes: ['main'] })
 *   .charger('charger', { homes: ['main'], chargesVehicle: 'car' })
 *   .build();
 * ```
 */
export class ScenarioBuilder {
  readonly #seed: number;
  #user: MockUserSpec = {};
  readonly #homes: HomeSpec[] = [];
  readonly #devices: DeviceSpec[] = [];

  constructor(options: ScenarioBuilderOptions = {}) {
    const seed = options.seed ?? 1;
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    this.#seed = seed;
  }

  user(user: MockUserSpec): this {
    this.#user = user;
    return this;
  }

  home(key: string, options: Omit<HomeSpec, 'key'>): this {
    this.#homes.push({ key, ...options });
    return this;
  }

  vehicle(key: string, options: DeviceOptions<VehicleSpec>): this {
    return this.device({ kind: 'vehicle', key, ...options });
  }

  charger(key: string, options: DeviceOptions<ChargerSpec>): this {
    return this.device({ kind: 'charger', key, ...options });
  }

  battery(key: string, options: DeviceOptions<BatterySpec>): this {
    return this.device({ kind: 'battery', key, ...options });
  }

  thermostat(key: string, options: DeviceOptions<ThermostatSpec>): this {
    return this.device({ kind: 'thermostat', key, ...options });
  }

  inverter(key: string, options: DeviceOptions<InverterSpec>): this {
    return this.device({ kind: 'inverter', key, ...options });
  }

  device(spec: DeviceSpec): this {
    this.#devices.push(spec);
    return this;
  }

  build(): Scenario {
    const scenario = new Scenario(this.#seed, this.#resolvedUser());
    for (const home of this.#homes) scenario.addHome(home);

    // Vehicles first: a charger may follow a car declared after it.
    const vehicles = this.#devices.filter((device) => device.kind === 'vehicle');
    const others = this.#devices.filter((device) => device.kind !== 'vehicle');
    for (const device of [...vehicles, ...others]) scenario.addDevice(device);
    return scenario;
  }

  #resolvedUser(): MockUser {
    return {
      sub: this.#user.sub ?? uuidFrom(mulberry32(deriveSeed(this.#seed, 'user'))),
      name: this.#user.name ?? 'Kari Nordmann',
      email: this.#user.email ?? 'kari.nordmann@example.com',
    };
  }
}
