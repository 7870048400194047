import type { CapabilityDescriptor } from './capability.js';
import type { ChargingPlan } from './charging-plan.js';
import { drawIdentity } from './device-catalogue.js';
import { createDevice } from './device-factory.js';
import { REQUIRED_SCOPES } from './device-kind.js';
import { EnergyLedger } from './energy-ledger.js';
import { EnergySite } from './energy-site.js';
import { deriveSeed, mulberry32 } from './random.js';
import { ScenarioDevice } from './scenario-device.js';
import type { ScenarioHome } from './scenario-home.js';
import { createHome, homePayload } from './scenario-home.js';
import type {
  HistoryResolution,
  MockUser,
  ScenarioSource,
  WireDeviceDetail,
  WireDeviceSummary,
  WireHistoryPoint,
  WireHome,
  WireJson,
} from './source.js';
import type { DeviceSpec, HomeSpec } from './specs.js';
import { isoInZone, periodsWithin } from './zone-time.js';

/**
 * Homes and devices whose values are pure functions of the server's clock, plus the
 * changes a test makes to them. A change shows from the next request on. Methods that
 * take a `home` or `device` accept its key or its wire id.
 */
export class Scenario implements ScenarioSource {
  readonly user: MockUser;
  readonly seed: number;
  readonly #homes = new Map<string, ScenarioHome>();
  readonly #removedHomes = new Map<string, ScenarioHome>();
  readonly #devices = new Map<string, ScenarioDevice>();
  readonly #deviceIdsByKey = new Map<string, string>();
  readonly #plans = new Map<string, ChargingPlan>();
  readonly #sites = new Map<string, EnergyLedger>();

  constructor(seed: number, user: MockUser) {
    this.seed = seed;
    this.user = user;
  }

  // Lists do not change with time, only with the changes tests make; the time is checked
  // all the same, so that a server passing a broken clock hears of it at once.
  homes(nowMs: number): WireHome[] {
    requireTime('nowMs', nowMs);
    return [...this.#homes.values()].map(homePayload);
  }

  devices(homeId: string, nowMs: number): WireDeviceSummary[] | undefined {
    requireTime('nowMs', nowMs);
    if (!this.#homes.has(homeId)) return undefined;
    return this.#devicesOf(homeId).map((device) => device.summary());
  }

  device(homeId: string, deviceId: string, nowMs: number): WireDeviceDetail | undefined {
    requireTime('nowMs', nowMs);
    return this.#listed(homeId, deviceId)?.detail(nowMs);
  }

  history(
    homeId: string,
    deviceId: string,
    resolution: HistoryResolution,
    startMs: number,
    endMs: number,
  ): WireHistoryPoint[] | undefined {
    requireTime('startMs', startMs);
    requireTime('endMs', endMs);
    const device = this.#listed(homeId, deviceId);
    const zone = this.timeZoneOf(homeId);
    if (device === undefined || zone === undefined) return undefined;
    if (!device.resolutions.includes(resolution)) return [];

    // Nothing reaches Tibber from a device while it is offline.
    const heardUntilMs = Math.min(endMs, device.offlineSinceMs ?? endMs);
    return periodsWithin(resolution, zone, startMs, heardUntilMs).map(([start, end]) => ({
      time: isoInZone(start, zone),
      data: device.behaviour.historyData(start, end),
    }));
  }

  historyRetentionDays(homeId: string, deviceId: string): number | undefined {
    return this.#listed(homeId, deviceId)?.retentionDays;
  }

  requiredScope(homeId: string, deviceId: string): string | undefined {
    const device = this.#listed(homeId, deviceId);
    return device === undefined ? undefined : REQUIRED_SCOPES[device.kind];
  }

  timeZoneOf(homeId: string): string | undefined {
    return this.#homes.get(homeId)?.timeZone;
  }

  /** The wire id of a home, by key. */
  homeId(key: string): string {
    return this.#home(key).id;
  }

  /** The wire id of a device, by key. */
  deviceId(key: string): string {
    return this.#device(key).id;
  }

  addHome(spec: HomeSpec): string {
    const home = createHome(spec, this.seed);
    for (const existing of [...this.#homes.values(), ...this.#removedHomes.values()]) {
      if (existing.key === home.key || existing.id === home.id) {
        throw new RangeError(`a home with key "${spec.key}" or id "${home.id}" exists already`);
      }
    }
    this.#homes.set(home.id, home);
    return home.id;
  }

  /** Takes a home off the list; its devices stay with it and return if it is restored. */
  removeHome(home: string): void {
    const removed = this.#home(home);
    this.#homes.delete(removed.id);
    this.#removedHomes.set(removed.id, removed);
  }

  restoreHome(home: string): void {
    const restored = [...this.#removedHomes.values()].find((h) => h.key === home || h.id === home);
    if (restored === undefined) throw new RangeError(`no removed home "${home}"`);
    this.#removedHomes.delete(restored.id);
    this.#homes.set(restored.id, restored);
  }

  addDevice(spec: DeviceSpec): string {
    if (spec.homes.length === 0) throw new RangeError(`device "${spec.key}" needs a home`);
    if (this.#deviceIdsByKey.has(spec.key)) {
      throw new RangeError(`a device with key "${spec.key}" exists already`);
    }
    const homes = spec.homes.map((home) => this.#home(home, true));
    const [firstHome] = homes;
    if (firstHome === undefined) throw new RangeError(`device "${spec.key}" needs a home`);

    const seed = deriveSeed(this.seed, `device:${spec.key}`);
    const random = mulberry32(seed);
    const identity = drawIdentity(spec.kind, random, spec);
    if (this.#devices.has(identity.id)) {
      throw new RangeError(`device "${spec.key}" would reuse the device id "${identity.id}"`);
    }
    const created = createDevice(spec, {
      seed,
      random,
      identity,
      zone: firstHome.timeZone,
      standardOffsetMs: firstHome.standardOffsetMs,
      energySite: (siteSeed, hasStorage) => this.#site(firstHome, siteSeed, hasStorage),
      vehiclePlan: (key) => this.#plans.get(key),
    });
    if (created.plan !== undefined) this.#plans.set(spec.key, created.plan);

    const device = new ScenarioDevice({
      key: spec.key,
      identity,
      behaviour: created.behaviour,
      homeIds: homes.map((home) => home.id),
      resolutions: spec.historyResolutions ?? created.behaviour.defaultResolutions,
      retentionDays: retention(spec.retentionDays, created.behaviour.defaultRetentionDays),
      capabilityCount: spec.capabilityCount,
      extraFields: spec.extraFields,
    });
    this.#devices.set(device.id, device);
    this.#deviceIdsByKey.set(device.key, device.id);
    return device.id;
  }

  /** Removes the device from one home, or from every home when none is named. */
  removeDevice(device: string, home?: string): void {
    const target = this.#device(device);
    if (home !== undefined) {
      const homeId = this.#home(home, true).id;
      const at = target.homeIds.indexOf(homeId);
      if (at < 0) throw new RangeError(`device "${device}" is not listed under home "${home}"`);
      target.homeIds.splice(at, 1);
      if (target.homeIds.length > 0) return;
    }
    this.#devices.delete(target.id);
    this.#deviceIdsByKey.delete(target.key);
  }

  renameDevice(device: string, name: string): void {
    this.#device(device).name = name;
  }

  /** Pins a capability to a fixed value (any JSON, `null` included). */
  overrideCapability(device: string, capabilityId: string, value: WireJson): void {
    this.#capabilityOf(device, capabilityId).pin(capabilityId, value);
  }

  clearOverride(device: string, capabilityId: string): void {
    this.#capabilityOf(device, capabilityId).unpin(capabilityId);
  }

  removeCapability(device: string, capabilityId: string): void {
    this.#capabilityOf(device, capabilityId).remove(capabilityId);
  }

  restoreCapability(device: string, capabilityId: string): void {
    this.#capabilityOf(device, capabilityId).restore(capabilityId);
  }

  /** Adds a capability the kind does not have, as the wire may without notice. */
  addCapability(device: string, descriptor: CapabilityDescriptor, value: WireJson): void {
    const target = this.#device(device);
    if (target.hasCapability(descriptor.id)) {
      throw new RangeError(`device "${device}" has capability "${descriptor.id}" already`);
    }
    target.add(descriptor, value);
  }

  /** From `sinceMs` on the device reads offline and its lastSeen and values freeze. */
  setOffline(device: string, sinceMs: number): void {
    this.#device(device).offlineSinceMs = sinceMs;
  }

  setOnline(device: string): void {
    this.#device(device).offlineSinceMs = undefined;
  }

  #devicesOf(homeId: string): ScenarioDevice[] {
    return [...this.#devices.values()].filter((device) => device.homeIds.includes(homeId));
  }

  #listed(homeId: string, deviceId: string): ScenarioDevice | undefined {
    if (!this.#homes.has(homeId)) return undefined;
    const device = this.#devices.get(deviceId);
    return device?.homeIds.includes(homeId) === true ? device : undefined;
  }

  #home(ref: string, includeRemoved = false): ScenarioHome {
    const pools = includeRemoved ? [this.#homes, this.#removedHomes] : [this.#homes];
    for (const pool of pools) {
      const home = pool.get(ref) ?? [...pool.values()].find((h) => h.key === ref);
      if (home !== undefined) return home;
    }
    throw new RangeError(`no home "${ref}"`);
  }

  #device(ref: string): ScenarioDevice {
    const device = this.#devices.get(this.#deviceIdsByKey.get(ref) ?? ref);
    if (device === undefined) throw new RangeError(`no device "${ref}"`);
    return device;
  }

  #capabilityOf(device: string, capabilityId: string): ScenarioDevice {
    const target = this.#device(device);
    if (!target.hasCapability(capabilityId)) {
      throw new RangeError(`device "${device}" has no capability "${capabilityId}"`);
    }
    return target;
  }

  #site(home: ScenarioHome, siteSeed: number, hasStorage: boolean): EnergyLedger {
    // Keyed by place, not home: homes of one zone and latitude may share a site's weather.
    const key = `${home.timeZone}|${home.latitude}|${siteSeed}|${hasStorage}`;
    const known = this.#sites.get(key);
    if (known !== undefined) return known;

    const { latitude, standardOffsetMs } = home;
    const ledger = new EnergyLedger(
      new EnergySite({ seed: siteSeed, latitude, standardOffsetMs, hasStorage }),
    );
    this.#sites.set(key, ledger);
    return ledger;
  }
}

function requireTime(name: string, ms: number): void {
  if (!Number.isFinite(ms)) throw new TypeError(`${name} must be a finite time, got ${ms}`);
}

function retention(
  chosen: number | null | undefined,
  fallback: number | undefined,
): number | undefined {
  if (chosen === null) return undefined;
  if (chosen === undefined) return fallback;
  if (!Number.isInteger(chosen) || chosen <= 0) {
    throw new RangeError(`retentionDays must be a positive integer, got ${chosen}`);
  }
  return chosen;
}
