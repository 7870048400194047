import { ScenarioBuilder } from './builder.js';
import type { Scenario } from './scenario.js';

export interface DemoScenarioOptions {
  /** Default 2026. */
  readonly seed?: number;
}

/**
 * A lively household with one of everything the field has shown: a main house whose name
 * is under `info` and a cabin whose name is at the root; a car listed under both; a
 * charger following the car's sessions; a battery with solar; a thermostat in each home;
 * a solar inverter at the cabin. Names include the placeholders `No name` and
 * `<no name>`, one device has no model, and the charger carries a field the API has not
 * documented.
 */
export function createDemoScenario(options: DemoScenarioOptions = {}): Scenario {
  return new ScenarioBuilder({ seed: options.seed ?? 2026 })
    .user({ name: 'Kari Nordmann', email: 'kari.nordmann@example.com' })
    .home('main', {
      name: 'Main house',
      nameAt: 'info',
      timeZone: 'Europe/Oslo',
      latitude: 59.91,
    })
    .home('cabin', { name: 'Cabin', nameAt: 'root', timeZone: 'Europe/Stockholm', latitude: 63.4 })
    .vehicle('car', {
      homes: ['main', 'cabin'],
      name: 'Family car',
      brand: 'Volkswagen',
      model: 'ID.4',
    })
    .charger('charger', {
      homes: ['main'],
      name: 'Driveway charger',
      brand: 'Easee',
      chargesVehicle: 'car',
      extraFields: { vendorSync: { state: 'ok', intervalSeconds: 900 } },
    })
    .battery('battery', { homes: ['main'], name: 'Home battery', brand: 'Sonnen' })
    .thermostat('living-room', {
      homes: ['main'],
      name: 'Living room',
      brand: 'Mill',
      model: null,
    })
    .thermostat('cabin-heater', { homes: ['cabin'], name: '<no name>', brand: 'Adax' })
    .inverter('cabin-solar', { homes: ['cabin'], name: 'No name', brand: 'Fronius' })
    .build();
}
