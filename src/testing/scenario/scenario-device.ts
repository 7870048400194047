import type { CapabilityDescriptor } from './capability.js';
import { capabilityPayload, measured } from './capability.js';
import type { DeviceIdentity } from './device-catalogue.js';
import type { DeviceBehaviour, DeviceKind } from './device-kind.js';
import type {
  HistoryResolution,
  WireDeviceDetail,
  WireDeviceSummary,
  WireJson,
  WireJsonObject,
} from './source.js';
import { HOUR_MS, isoUtc } from './zone-time.js';

export interface ScenarioDeviceInit {
  readonly key: string;
  readonly identity: DeviceIdentity;
  readonly behaviour: DeviceBehaviour;
  readonly homeIds: readonly string[];
  readonly resolutions: readonly HistoryResolution[];
  readonly retentionDays: number | undefined;
  readonly capabilityCount: number | undefined;
  readonly extraFields: WireJsonObject | undefined;
}

/**
 * One device of a scenario: its behaviour plus what tests did to it (renamed, offline,
 * values pinned, capabilities removed or added). Payloads are built fresh for every
 * request, so a caller may mutate them freely; the values of the latest report are kept,
 * since every poll between two reports asks for the same ones.
 */
export class ScenarioDevice {
  readonly key: string;
  readonly identity: DeviceIdentity;
  readonly behaviour: DeviceBehaviour;
  readonly homeIds: string[];
  readonly resolutions: readonly HistoryResolution[];
  readonly retentionDays: number | undefined;
  name: string;
  offlineSinceMs: number | undefined;
  readonly #extraFields: WireJsonObject | undefined;
  readonly #descriptors: CapabilityDescriptor[];
  readonly #natural: number;
  readonly #added: { descriptor: CapabilityDescriptor; value: WireJson }[] = [];
  readonly #pinned = new Map<string, WireJson>();
  readonly #removed = new Set<string>();
  #lastReport: { reportMs: number; values: WireJson[] } | undefined;

  constructor(init: ScenarioDeviceInit) {
    this.key = init.key;
    this.identity = init.identity;
    this.behaviour = init.behaviour;
    this.homeIds = [...init.homeIds];
    this.resolutions = init.resolutions;
    this.retentionDays = init.retentionDays;
    this.name = init.identity.name;
    this.#extraFields = init.extraFields;
    this.#natural = init.behaviour.capabilities.length;
    this.#descriptors = fitted(init.behaviour.capabilities, init.capabilityCount);
  }

  get kind(): DeviceKind {
    return this.behaviour.kind;
  }

  get id(): string {
    return this.identity.id;
  }

  isOnlineAt(nowMs: number): boolean {
    return this.offlineSinceMs === undefined || nowMs < this.offlineSinceMs;
  }

  /** Never after `nowMs`; frozen at the last report before the device went offline. */
  lastSeenMs(nowMs: number): number {
    const heardUntilMs = Math.min(nowMs, this.offlineSinceMs ?? nowMs);
    return this.behaviour.reportedAt(heardUntilMs);
  }

  hasCapability(capabilityId: string): boolean {
    const known = (d: CapabilityDescriptor): boolean => d.id === capabilityId;
    return this.#descriptors.some(known) || this.#added.some((a) => known(a.descriptor));
  }

  pin(capabilityId: string, value: WireJson): void {
    this.#pinned.set(capabilityId, value);
  }

  unpin(capabilityId: string): void {
    this.#pinned.delete(capabilityId);
  }

  remove(capabilityId: string): void {
    this.#removed.add(capabilityId);
  }

  restore(capabilityId: string): void {
    this.#removed.delete(capabilityId);
  }

  add(descriptor: CapabilityDescriptor, value: WireJson): void {
    this.#added.push({ descriptor, value });
  }

  summary(): WireDeviceSummary {
    const { id, externalId, brand, model } = this.identity;
    const info: WireJsonObject = { name: this.name, brand };
    if (model !== undefined) info['model'] = model;
    const supportedHistory: WireJsonObject = { resolutions: [...this.resolutions] };
    if (this.retentionDays !== undefined) supportedHistory['maxRetentionDays'] = this.retentionDays;
    return this.#withExtraFields({ id, externalId, info, supportedHistory });
  }

  detail(nowMs: number): WireDeviceDetail {
    const reportMs = this.lastSeenMs(nowMs);
    const values = this.#valuesAt(reportMs);
    const listed = [
      ...this.#descriptors.map((descriptor, index) => ({ descriptor, value: values[index] })),
      ...this.#added,
    ];
    const capabilities = listed
      .filter(({ descriptor }) => !this.#removed.has(descriptor.id))
      .map(({ descriptor, value }) => this.#payload(descriptor, value ?? null));

    const summary = this.summary();
    return this.#withExtraFields({
      id: summary.id,
      externalId: summary.externalId,
      info: summary.info,
      supportedHistory: summary.supportedHistory,
      status: { lastSeen: isoUtc(reportMs) },
      attributes: this.behaviour.attributes(this.isOnlineAt(nowMs)),
      capabilities,
    });
  }

  #payload(descriptor: CapabilityDescriptor, value: WireJson): WireJsonObject {
    const pinned = this.#pinned.get(descriptor.id);
    return capabilityPayload(descriptor, pinned === undefined ? value : structuredClone(pinned));
  }

  #valuesAt(reportMs: number): WireJson[] {
    if (this.#lastReport?.reportMs === reportMs) return this.#lastReport.values;

    const natural = this.behaviour.valuesAt(reportMs).slice(0, this.#descriptors.length);
    for (let index = this.#natural; index < this.#descriptors.length; index++) {
      natural.push(Math.round(500 + 400 * Math.sin(reportMs / HOUR_MS + index)));
    }
    this.#lastReport = { reportMs, values: natural };
    return natural;
  }

  #withExtraFields<T extends WireJsonObject>(payload: T): T {
    if (this.#extraFields === undefined) return payload;
    for (const [field, value] of Object.entries(this.#extraFields)) {
      if (!(field in payload)) Object.assign(payload, { [field]: structuredClone(value) });
    }
    return payload;
  }
}

/** The kind's own capabilities, cut to `count` or padded with undocumented vendor ones. */
function fitted(
  natural: readonly CapabilityDescriptor[],
  count: number | undefined,
): CapabilityDescriptor[] {
  if (count === undefined) return [...natural];
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`capabilityCount must be a non-negative integer, got ${count}`);
  }
  const padding = Array.from({ length: Math.max(0, count - natural.length) }, (_, i) =>
    measured(`vendor.metric${natural.length + i + 1}`, 'vendor metric', ''),
  );
  return [...natural.slice(0, count), ...padding];
}
