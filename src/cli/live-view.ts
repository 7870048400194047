import type { Clock } from '../shared/clock.js';
import { systemClock } from '../shared/clock.js';
import type {
  AvailabilityEvent,
  CoordinatorListener,
  CoordinatorSnapshot,
} from '../coordinator/index.js';
import type { EntityRecord, RegistryChange } from '../entities/index.js';
import { EntityRegistry } from '../entities/index.js';
import { formatEntityState } from './entity-text.js';
import { alignColumns, describeDevice } from './format.js';
import type { LiveSessionOptions } from './live-session.js';
import { runLiveSession } from './live-session.js';
import type { Output } from './output.js';
import { describeStop } from './stop-text.js';

export interface LiveViewOptions {
  readonly output: Output;
  /** One JSON object per line instead of text. */
  readonly json: boolean;
  /** Show every entity, also those a hub hides by default (e.g. seventy counters). */
  readonly all: boolean;
  readonly clock: Clock;
}

/**
 * What `demo` and `watch` print: the household with each entity's state after the first
 * poll, then one line per change as it happens, and nothing while nothing changes. A
 * sign-in Tibber asks for ends the command (live-session.ts), so it is not printed here.
 */
export class LiveView implements CoordinatorListener {
  readonly #options: LiveViewOptions;
  readonly #registry = new EntityRegistry();
  #snapshot: CoordinatorSnapshot | undefined;
  #shownHousehold = false;
  /** What each entity's state last read as, so a line says from what to what. */
  readonly #shownText = new Map<string, string>();
  /** `Family car · State of charge`, for an entity that is gone by the time it is said. */
  readonly #labels = new Map<string, string>();

  constructor(options: LiveViewOptions) {
    this.#options = options;
    this.#registry.onChange((change) => {
      this.#registryChanged(change);
    });
  }

  changes(changes: unknown, snapshot: CoordinatorSnapshot): void {
    this.#snapshot = snapshot;
    this.#registry.changes(changes, snapshot);
    this.showHousehold();
  }

  /** The household once, after the first poll; later calls do nothing. */
  showHousehold(): void {
    if (this.#shownHousehold || this.#snapshot === undefined) return;
    this.#shownHousehold = true;
    this.#printHousehold(this.#snapshot);
  }

  availabilityChanged(event: AvailabilityEvent, snapshot: CoordinatorSnapshot): void {
    this.#snapshot = snapshot;
    this.#registry.availabilityChanged(event, snapshot);
    const device = event.deviceId === undefined
      ? undefined
      : snapshot.devices.find((entry) => entry.device.deviceId === event.deviceId)?.device;
    if (this.#options.json) {
      this.#json({
        type: 'availability',
        at: this.#now(),
        ...(event.deviceId === undefined ? {} : { deviceId: event.deviceId }),
        available: event.available,
        ...(event.error === undefined ? {} : { error: event.error.message }),
      });
      return;
    }
    const what = device?.name ?? 'Tibber';
    const why = event.error === undefined ? '' : ` (${event.error.message})`;
    this.#text(`${what} is ${event.available ? 'available again' : 'unavailable'}${why}`);
  }

  /** Entities known now, for a summary at the end. */
  get entityCount(): number {
    return this.#registry.size;
  }

  #registryChanged(change: RegistryChange): void {
    if (!this.#shownHousehold) return;
    for (const record of change.added) this.#entityEvent('entityAdded', record);
    for (const uniqueId of change.removed) {
      const label = this.#labels.get(uniqueId);
      this.#labels.delete(uniqueId);
      this.#shownText.delete(uniqueId);
      if (this.#options.json) this.#json({ type: 'entityRemoved', at: this.#now(), uniqueId });
      // A unique id carries the vendor's id (a serial, a VIN): a person gets the names.
      else if (label !== undefined) this.#text(`gone: ${label}`);
    }
    for (const state of change.states) {
      const record = this.#registry.get(state.uniqueId);
      if (record !== undefined && !change.added.includes(record)) this.#stateChanged(record);
    }
  }

  #stateChanged(record: EntityRecord): void {
    if (!this.#shows(record)) return;
    const { description, device, state } = record;
    if (this.#options.json) {
      this.#json({
        type: 'state',
        at: this.#now(),
        deviceId: device.deviceId,
        uniqueId: description.uniqueId,
        name: description.name,
        value: state.value,
        ...(description.unit === undefined ? {} : { unit: description.unit }),
        available: state.available,
      });
      return;
    }
    const text = formatEntityState(description, state);
    const previous = this.#shownText.get(description.uniqueId);
    // A raw change that reads the same at the unit's precision is not news to a person.
    if (previous === text) return;
    this.#shownText.set(description.uniqueId, text);
    const change = previous === undefined ? text : `${previous} → ${text}`;
    this.#text(`${device.name} · ${description.name}: ${change}`);
  }

  #entityEvent(type: 'entityAdded', record: EntityRecord): void {
    if (!this.#shows(record)) return;
    const { description, device, state } = record;
    if (this.#options.json) {
      this.#json({ type, at: this.#now(), deviceId: device.deviceId, ...entityJson(record) });
      return;
    }
    const value = formatEntityState(description, state);
    this.#shownText.set(description.uniqueId, value);
    this.#text(`new: ${device.name} · ${description.name}: ${value}`);
  }

  #printHousehold(snapshot: CoordinatorSnapshot): void {
    const { output } = this.#options;
    if (this.#options.json) {
      this.#json({
        type: 'household',
        at: this.#now(),
        homes: snapshot.homes.map((home) => ({
          homeId: home.homeId,
          name: home.displayName,
          timeZone: home.timeZone,
        })),
        devices: snapshot.devices.map(({ device, homeIds, available }) => ({
          deviceId: device.deviceId,
          name: device.name,
          type: device.deviceType,
          manufacturer: device.manufacturer,
          ...(device.model === undefined ? {} : { model: device.model }),
          onlineStatus: device.onlineStatus,
          available,
          homeIds: [...homeIds],
          entities: this.#registry
            .byDevice(device.deviceId)
            .filter((record) => this.#shows(record))
            .map(entityJson),
        })),
      });
      return;
    }
    const homeNames = new Map(snapshot.homes.map((home) => [home.homeId, home.displayName]));
    output.line(plural(snapshot.homes.length, 'home'));
    const homeRows = snapshot.homes.map((home) => [home.displayName, home.timeZone]);
    for (const line of alignColumns(homeRows, '  ')) output.line(line);
    output.line();
    const devices = plural(snapshot.devices.length, 'device');
    output.line(`${devices}, ${plural(this.#registry.size, 'entity')}`);
    for (const { device, homeIds } of snapshot.devices) {
      const homes = homeIds.map((id) => homeNames.get(id) ?? id).join(', ');
      output.line(`  ${describeDevice(device)}: ${device.onlineStatus}, in ${homes}`);
      const records = this.#registry.byDevice(device.deviceId);
      const shown = records.filter((record) => this.#shows(record));
      const rows = shown.map(({ description, state }) => {
        const text = formatEntityState(description, state);
        this.#shownText.set(description.uniqueId, text);
        return [description.name, text];
      });
      for (const line of alignColumns(rows, '    ')) output.line(line);
      const hidden = records.length - shown.length;
      if (hidden > 0) output.line(`    … and ${hidden} hidden by default (--all shows them)`);
    }
    output.line();
    output.line('Changes as they happen:');
  }

  #shows(record: EntityRecord): boolean {
    const shown = this.#options.all || record.description.enabledByDefault;
    const { device, description } = record;
    if (shown) this.#labels.set(description.uniqueId, `${device.name} · ${description.name}`);
    return shown;
  }

  #now(): string {
    return new Date(this.#options.clock.now()).toISOString();
  }

  #text(text: string): void {
    const time = new Date(this.#options.clock.now()).toTimeString().slice(0, 8);
    this.#options.output.line(`${time}  ${text}`);
  }

  #json(value: Record<string, unknown>): void {
    this.#options.output.line(JSON.stringify(value));
  }
}

export interface ShowLiveOptions extends Omit<LiveSessionOptions, 'listeners' | 'onFirstPoll'> {
  readonly json: boolean;
  readonly all: boolean;
}

/** `demo` and `watch` after sign-in: the live view until the command stops, then why. */
export async function showLive(options: ShowLiveOptions): Promise<void> {
  const { context, json, all, ...session } = options;
  const view = new LiveView({ output: context.output, json, all, clock: systemClock });
  const reason = await runLiveSession({
    ...session,
    context,
    listeners: [view],
    onFirstPoll: () => {
      view.showHousehold();
    },
  });
  if (reason.kind === 'failure') throw reason.error;
  context.output.status(describeStop(reason));
}

function entityJson({ description, state }: EntityRecord): Record<string, unknown> {
  return {
    uniqueId: description.uniqueId,
    name: description.name,
    platform: description.platform,
    value: state.value,
    ...(description.unit === undefined ? {} : { unit: description.unit }),
    available: state.available,
  };
}

function plural(count: number, noun: string): string {
  if (count === 1) return `1 ${noun}`;
  return `${count} ${noun === 'entity' ? 'entities' : `${noun}s`}`;
}
