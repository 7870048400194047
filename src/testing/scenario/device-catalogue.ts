import type { DeviceKind } from './device-kind.js';
import type { Random } from './random.js';
import { pick } from './random.js';
import type { DeviceSpecBase } from './specs.js';
import { deviceIdFor, digitsFrom, serialFrom, vinFrom } from './wire-ids.js';

/**
 * Makers and models a Tibber account really shows, with each vendor's own style of
 * external id: a VIN for cars, `vendor:serial` for chargers and energy systems, a bare
 * serial for thermostats.
 */

export interface DeviceIdentity {
  readonly id: string;
  readonly externalId: string;
  readonly name: string;
  readonly brand: string;
  readonly model: string | undefined;
  readonly serialNumber: string;
  readonly firmwareVersion: string;
}

interface Vendor {
  readonly brand: string;
  readonly model: string;
  /** The vendor's serial (a VIN for cars) and the external id Tibber shows for it. */
  readonly reference: (random: Random) => { serial: string; externalId: string };
}

const car = (brand: string, model: string, manufacturerId: string): Vendor => ({
  brand,
  model,
  reference: (random) => {
    const vin = vinFrom(random, manufacturerId);
    return { serial: vin, externalId: vin };
  },
});

const prefixed = (brand: string, model: string, serialPrefix: string, length: number): Vendor => ({
  brand,
  model,
  reference: (random) => {
    const serial = serialFrom(random, serialPrefix, length);
    return { serial, externalId: `${brand.toLowerCase()}:${serial}` };
  },
});

const bare = (brand: string, model: string, serialPrefix: string): Vendor => ({
  brand,
  model,
  reference: (random) => {
    const serial = serialPrefix + digitsFrom(random, 10);
    return { serial, externalId: serial };
  },
});

const VENDORS: Readonly<Record<DeviceKind, readonly Vendor[]>> = {
  vehicle: [
    car('Volkswagen', 'ID.4', 'WVW'),
    car('Tesla', 'Model Y', 'XP7'),
    car('Polestar', '2', 'LPS'),
    car('Hyundai', 'Ioniq 5', 'KMH'),
  ],
  charger: [prefixed('Easee', 'Charge', 'EH', 6), prefixed('Zaptec', 'Go', 'ZAP', 6)],
  battery: [
    prefixed('Sonnen', 'sonnenBatterie 10', '', 8),
    prefixed('Huawei', 'LUNA2000', 'HV', 10),
  ],
  thermostat: [bare('Mill', 'Sense', 'M'), bare('Adax', 'Neo WiFi', 'ADX')],
  inverter: [prefixed('Fronius', 'Primo GEN24', '', 8), prefixed('SolarEdge', 'SE5K', '7E', 6)],
};

const DEFAULT_NAMES: Readonly<Record<DeviceKind, string>> = {
  vehicle: 'Car',
  charger: 'Charger',
  battery: 'Home battery',
  thermostat: 'Thermostat',
  inverter: 'Solar inverter',
};

/** Who a device is, drawn from `random` where the spec leaves it open. */
export function drawIdentity(
  kind: DeviceKind,
  random: Random,
  spec: DeviceSpecBase,
): DeviceIdentity {
  const vendors = VENDORS[kind];
  const vendor = vendors.find((v) => v.brand === spec.brand) ?? pick(random, vendors);
  const { serial, externalId } = vendor.reference(random);
  const firmwareVersion = [1 + Math.floor(random() * 4), Math.floor(random() * 20), 0].join('.');
  const brand = spec.brand ?? vendor.brand;
  // A maker the catalogue does not know gets no model rather than another maker's.
  const model = brand === vendor.brand ? vendor.model : undefined;
  return {
    id: spec.id ?? deviceIdFor(`${brand.toLowerCase()} ${kind}:${serial}`),
    externalId: spec.externalId ?? externalId,
    name: spec.name ?? DEFAULT_NAMES[kind],
    brand,
    model: spec.model === null ? undefined : (spec.model ?? model),
    serialNumber: serial,
    firmwareVersion,
  };
}
