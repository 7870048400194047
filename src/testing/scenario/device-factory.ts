import { BatteryBehaviour } from './battery.js';
import { ChargerBehaviour } from './charger.js';
import { ChargingPlan } from './charging-plan.js';
import type { DeviceIdentity } from './device-catalogue.js';
import type { DeviceBehaviour } from './device-kind.js';
import type { EnergyLedger } from './energy-ledger.js';
import { InverterBehaviour } from './inverter.js';
import type { Random } from './random.js';
import { deriveSeed } from './random.js';
import type { DeviceSpec, VehicleSpec } from './specs.js';
import { ThermostatBehaviour } from './thermostat.js';
import { VehicleBehaviour } from './vehicle.js';
import { bssidFrom } from './wire-ids.js';

/** What a device needs from the scenario around it. */
export interface DeviceContext {
  readonly seed: number;
  readonly random: Random;
  readonly identity: DeviceIdentity;
  /** Zone of the home the device was first listed under: its counters follow it. */
  readonly zone: string;
  readonly standardOffsetMs: number;
  energySite(siteSeed: number, hasStorage: boolean): EnergyLedger;
  vehiclePlan(vehicleKey: string): ChargingPlan | undefined;
}

export interface CreatedDevice {
  readonly behaviour: DeviceBehaviour;
  /** Set for vehicles, so chargers can follow their sessions. */
  readonly plan?: ChargingPlan;
}

export function createDevice(spec: DeviceSpec, context: DeviceContext): CreatedDevice {
  const { seed, identity, zone } = context;
  switch (spec.kind) {
    case 'vehicle': {
      const plan = vehiclePlanFor(spec, context);
      const consumptionWhPerKm = positive('consumptionWhPerKm', spec.consumptionWhPerKm, 180);
      const params = { plan, consumptionWhPerKm, seed, vin: identity.serialNumber };
      return { behaviour: new VehicleBehaviour(params), plan };
    }
    case 'charger': {
      const plan = chargerPlanFor(spec.chargesVehicle, spec.key, context);
      const behaviour = new ChargerBehaviour({
        plan,
        maxCurrentA: positive('maxCurrentA', spec.maxCurrentA, 16),
        offlineFallbackA: positive('offlineFallbackA', spec.offlineFallbackA, 6),
        phaseCount: positive('phaseCount', spec.phaseCount, 3),
        seed,
        serialNumber: identity.serialNumber,
        firmwareVersion: identity.firmwareVersion,
      });
      return { behaviour };
    }
    case 'battery': {
      const capacityWh = positive('capacityWh', spec.capacityWh, 10_000);
      const behaviour = new BatteryBehaviour({
        ledger: context.energySite(spec.siteSeed ?? deriveSeed(seed, 'site'), true),
        zone,
        capacityWh,
        ratedPowerW: positive('ratedPowerW', spec.ratedPowerW, capacityWh / 2),
        targetStateOfCharge: positive('targetStateOfCharge', spec.targetStateOfCharge, 100),
        seed,
        serialNumber: identity.serialNumber,
        firmwareVersion: identity.firmwareVersion,
        network: networkFrom(context.random),
      });
      return { behaviour };
    }
    case 'thermostat': {
      const behaviour = new ThermostatBehaviour({
        seed,
        standardOffsetMs: context.standardOffsetMs,
        comfortC: positive('comfortC', spec.comfortC, 21),
        ecoC: positive('ecoC', spec.ecoC, 17),
      });
      return { behaviour };
    }
    case 'inverter': {
      const behaviour = new InverterBehaviour({
        ledger: context.energySite(spec.siteSeed ?? deriveSeed(seed, 'site'), false),
        zone,
        solarPeakW: positive('solarPeakW', spec.solarPeakW, 5_000),
        seed,
        serialNumber: identity.serialNumber,
      });
      return { behaviour };
    }
  }
}

function vehiclePlanFor(spec: Omit<VehicleSpec, 'kind'>, context: DeviceContext): ChargingPlan {
  const targetPercent = positive('targetStateOfCharge', spec.targetStateOfCharge, 80);
  if (targetPercent > 100 || targetPercent <= 20) {
    throw new RangeError(`targetStateOfCharge of "${spec.key}" must be above 20 and at most 100`);
  }
  return new ChargingPlan({
    seed: deriveSeed(context.seed, 'plan'),
    standardOffsetMs: context.standardOffsetMs,
    capacityWh: positive('capacityWh', spec.capacityWh, 77_000),
    chargePowerW: positive('chargePowerW', spec.chargePowerW, 11_000),
    targetPercent,
  });
}

function chargerPlanFor(
  vehicleKey: string | undefined,
  chargerKey: string,
  context: DeviceContext,
): ChargingPlan {
  if (vehicleKey === undefined) return vehiclePlanFor({ key: chargerKey, homes: [] }, context);

  const plan = context.vehiclePlan(vehicleKey);
  if (plan === undefined) {
    throw new RangeError(`charger "${chargerKey}" charges unknown vehicle "${vehicleKey}"`);
  }
  return plan;
}

function networkFrom(random: Random): { ssid: string; bssid: string; ipAddress: string } {
  const ssid = `HomeNet-${Math.floor(random() * 9_000 + 1_000)}`;
  const ipAddress = `192.168.1.${Math.floor(random() * 200 + 20)}`;
  return { ssid, bssid: bssidFrom(random), ipAddress };
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isFinite(chosen) || chosen <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${chosen}`);
  }
  return chosen;
}
