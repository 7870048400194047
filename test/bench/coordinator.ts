/**
 * The coordinator's own cost for `npm run bench`: CPU and allocation per poll of a large
 * account, and its heap over many polls of a small one. The client is an in-memory stub
 * handing out details mapped before the timed section, so the figures are the
 * coordinator's merging, diffing and snapshot building, not HTTP, JSON or validation.
 */
import { Buffer } from 'node:buffer';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GCProfiler, getHeapStatistics } from 'node:v8';

import { TibberDataCoordinator } from '../../src/coordinator/index.js';
import type { CoordinatorClient } from '../../src/coordinator/index.js';
import {
  createMappingContext,
  mapDeviceDetail,
  mapDeviceList,
  mapHomes,
} from '../../src/models/index.js';
import type { MappedDevice, MappedList, TibberDevice, TibberHome } from '../../src/models/index.js';
import { ManualClock, mulberry32 } from '../../src/testing/index.js';
import type { Random } from '../../src/testing/index.js';
import { ms, ratio } from './measure.js';

interface Shape {
  readonly homes: number;
  readonly devicesPerHome: number;
  readonly capabilities: number;
}

/** Big enough that a poll takes milliseconds, as a large installation's would. */
const LARGE: Shape = { homes: 10, devicesPerHome: 100, capabilities: 20 };
/**
 * Small enough for 10,000 polls in about 25 s on two shared cores: mapping each poll's
 * details beforehand costs more than the poll itself, and 20 devices took twice as long.
 */
const SMALL: Shape = { homes: 2, devicesPerHome: 5, capabilities: 20 };
const ROUNDS = 11;
const WARMUP_ROUNDS = 3;
/**
 * Heap checkpoints, in polls: the last against the first is the figure; the middle one
 * tells a steady leak (rising through it) from collection noise of a few hundred kB.
 */
const HEAP_CHECKPOINTS = [100, 5_000, 10_000] as const;
/** A resolved stub settles a poll in one turn; this many means it never will. */
const MAX_SETTLE_TURNS = 1_000;
/** Devices report a little before the poll, as a real `lastSeen` lags. */
const LAST_SEEN_LAG_MS = 30_000;

interface FakeDevice {
  readonly homeId: string;
  readonly id: string;
  readonly index: number;
}

function randomBytes(random: Random, length: number): Buffer {
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

function uuid(random: Random): string {
  const hex = randomBytes(random, 16).toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), `4${hex.slice(13, 16)}`, `8${hex.slice(17, 20)}`,
    hex.slice(20)].join('-');
}

/** An account as the wire shows it: UUID homes, base64url device ids, changeable values. */
class WireAccount {
  readonly homes: readonly { readonly id: string; readonly name: string }[];
  readonly devices: readonly FakeDevice[];
  /** How often each device's first capability has changed: its value, too. */
  readonly #changes: number[];
  #turn = 0;

  constructor(readonly shape: Shape, seed: number) {
    const random = mulberry32(seed);
    this.homes = Array.from({ length: shape.homes }, (_, h) => ({
      id: uuid(random),
      name: `Home ${String(h + 1)}`,
    }));
    this.devices = this.homes.flatMap((home, h) =>
      Array.from({ length: shape.devicesPerHome }, (_, d) => ({
        homeId: home.id,
        id: randomBytes(random, 16).toString('base64url'),
        index: h * shape.devicesPerHome + d,
      })),
    );
    this.#changes = this.devices.map(() => 0);
  }

  homesBody(): unknown {
    return { homes: this.homes.map(({ id, name }) => ({ id, name })) };
  }

  listBody(homeId: string): unknown {
    const devices = this.devices.filter((device) => device.homeId === homeId);
    return { devices: devices.map((device) => this.#summary(device)) };
  }

  detailBody(device: FakeDevice, nowMs: number): unknown {
    const changes = this.#changes[device.index] ?? 0;
    return {
      ...this.#summary(device),
      status: { lastSeen: new Date(nowMs - LAST_SEEN_LAG_MS).toISOString() },
      attributes: [{ id: 'isOnline', value: true }],
      capabilities: Array.from({ length: this.shape.capabilities }, (_, n) => ({
        id: `vendor.metric${String(n)}`,
        description: `metric ${String(n)}`,
        value: 10 * n + device.index + (n === 0 ? changes : 0),
        unit: 'W',
      })),
    };
  }

  /** One value changes on every tenth device, a different tenth each time. */
  changeTenth(): number {
    const tenth = this.#turn++ % 10;
    const changed = this.devices.filter((device) => device.index % 10 === tenth);
    for (const device of changed) {
      this.#changes[device.index] = (this.#changes[device.index] ?? 0) + 1;
    }
    return changed.length;
  }

  #summary(device: FakeDevice): object {
    return {
      id: device.id,
      externalId: `ext-${String(device.index)}`,
      info: { name: `Device ${String(device.index + 1)}`, brand: 'Bench', model: 'B1' },
      supportedHistory: { resolutions: [] },
    };
  }
}

/** Every device's detail at `nowMs`, mapped as the client would have mapped it. */
function mapDetails(account: WireAccount, nowMs: number): Map<string, MappedDevice> {
  const context = createMappingContext(nowMs);
  return new Map(account.devices.map((device) => [
    device.id,
    mapDeviceDetail(account.detailBody(device, nowMs), device.homeId, context),
  ]));
}

/** The calls the coordinator makes, answered from memory at once. */
class InMemoryClient implements CoordinatorClient {
  readonly #homes: MappedList<TibberHome>;
  readonly #lists: ReadonlyMap<string, MappedList<TibberDevice>>;
  #details = new Map<string, MappedDevice>();

  constructor(account: WireAccount, nowMs: number) {
    const context = createMappingContext(nowMs);
    this.#homes = mapHomes(account.homesBody(), context);
    this.#lists = new Map(account.homes.map(({ id }) => [
      id,
      mapDeviceList(account.listBody(id), id, context),
    ]));
  }

  /** What the next poll's `getDevice` calls answer. */
  load(details: Map<string, MappedDevice>): void {
    this.#details = details;
  }

  getHomes(): Promise<MappedList<TibberHome>> {
    return Promise.resolve(this.#homes);
  }

  getDevices(homeId: string): Promise<MappedList<TibberDevice>> {
    const list = this.#lists.get(homeId);
    return list === undefined
      ? Promise.reject(new Error(`no home ${homeId}`))
      : Promise.resolve(list);
  }

  getDevice(_homeId: string, deviceId: string): Promise<MappedDevice> {
    const detail = this.#details.get(deviceId);
    return detail === undefined
      ? Promise.reject(new Error(`no device ${deviceId}`))
      : Promise.resolve(detail);
  }
}

/** A coordinator on a manual clock, fed by the stub, driven one poll at a time. */
class PollRig {
  readonly #clock = new ManualClock();
  readonly #account: WireAccount;
  readonly #client: InMemoryClient;
  readonly #coordinator: TibberDataCoordinator;
  #changes = 0;

  constructor(account: WireAccount) {
    this.#account = account;
    this.#client = new InMemoryClient(account, this.#clock.now());
    this.#coordinator = new TibberDataCoordinator({
      client: this.#client,
      clock: this.#clock,
      scheduler: this.#clock,
      // No phase: every poll falls due exactly one interval after the last.
      random: () => 0,
    });
  }

  /** Discovery and the first poll; polling needs a listener, which counts the changes. */
  async start(): Promise<void> {
    this.#client.load(mapDetails(this.#account, this.#clock.now()));
    this.#coordinator.subscribe({
      changes: (changes) => {
        this.#changes += changes.length;
      },
    });
    await this.#coordinator.start();
  }

  /** Untimed: fresh details for the next poll, as a real client hands over every poll. */
  prepare(): void {
    this.#changes = 0;
    this.#client.load(mapDetails(this.#account, this.#nextPollMs()));
  }

  /** Fires the next poll; resolves, once it has been committed, to the changes emitted. */
  async poll(): Promise<number> {
    const dueMs = this.#nextPollMs();
    this.#clock.advance(dueMs - this.#clock.now());
    await this.#settled(dueMs);
    return this.#changes;
  }

  get nowMs(): number {
    return this.#clock.now();
  }

  stop(): void {
    this.#coordinator.stop();
  }

  #nextPollMs(): number {
    const next = this.#coordinator.nextPollAt;
    if (next === undefined) throw new Error('the coordinator has no poll scheduled');
    return next.toMillis();
  }

  /** A poll is over when the next is scheduled: a poll that changed nothing tells nobody. */
  async #settled(dueMs: number): Promise<void> {
    for (let turn = 0; turn < MAX_SETTLE_TURNS; turn++) {
      await nextTurn();
      const nextMs = this.#coordinator.nextPollAt?.toMillis();
      if (nextMs === undefined || nextMs <= dueMs) continue;
      const error = this.#coordinator.lastError;
      if (error !== undefined) throw new Error(`a poll failed: ${error.message}`, { cause: error });
      return;
    }
    throw new Error(`a poll had not settled after ${String(MAX_SETTLE_TURNS)} event-loop turns`);
  }
}

interface Cost {
  readonly cpuMs: number;
  readonly allocatedBytes: number;
}

/**
 * CPU and bytes allocated by one run, after a full collection (when `--expose-gc` allows)
 * so that no run pays for the garbage of the one before. Node 20 counts no allocated bytes,
 * and the heap's growth alone misses what a scavenge frees meanwhile: allocation is the
 * growth plus what each collection during the run freed, as the GC profiler saw it. CPU
 * is the whole process's, so it includes the GC and compiler threads the run kept busy.
 */
async function costOf<T>(run: () => T | Promise<T>): Promise<{ cost: Cost; result: T }> {
  globalThis.gc?.();
  const profiler = new GCProfiler();
  profiler.start();
  const heapBefore = getHeapStatistics().used_heap_size;
  const cpuBefore = process.cpuUsage();
  const result = await run();
  const cpu = process.cpuUsage(cpuBefore);
  const heapAfter = getHeapStatistics().used_heap_size;
  const freed = profiler.stop().statistics.reduce(
    (sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize -
      gc.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  const cpuMs = (cpu.user + cpu.system) / 1_000;
  return { cost: { cpuMs, allocatedBytes: heapAfter - heapBefore + freed }, result };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Case {
  /** Untimed, before each timed run. */
  readonly prepare: () => void;
  /** Timed; resolves to the changes the coordinator emitted, when it polled. */
  readonly run: () => number | Promise<number>;
}

interface CaseResult extends Cost {
  readonly changes: ReadonlySet<number>;
}

/** Median cost of each case, the cases taking turns every round, as `compare` does. */
async function sampleCases(
  cases: Readonly<Record<string, Case>>,
): Promise<Map<string, CaseResult>> {
  const samples = new Map(Object.keys(cases).map((name) => [name, [] as Cost[]]));
  const changes = new Map(Object.keys(cases).map((name) => [name, new Set<number>()]));
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    for (const [name, { prepare, run }] of Object.entries(cases)) {
      prepare();
      const { cost, result } = await costOf(run);
      if (round < WARMUP_ROUNDS) continue;
      samples.get(name)?.push(cost);
      changes.get(name)?.add(result);
    }
  }
  return new Map([...samples].map(([name, costs]) => [name, {
    cpuMs: median(costs.map((c) => c.cpuMs)),
    allocatedBytes: median(costs.map((c) => c.allocatedBytes)),
    changes: changes.get(name) ?? new Set(),
  }]));
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(2)} MB`;
}

function shapeOf({ homes, devicesPerHome, capabilities }: Shape): string {
  const devices = (homes * devicesPerHome).toLocaleString('en');
  return `${devices} devices × ${String(capabilities)} capabilities in ${String(homes)} homes`;
}

function gcNote(): string {
  return globalThis.gc === undefined ? 'no gc without --expose-gc: heap approximate' : 'gc first';
}

/** One poll case against the parse baseline, with the changes it emitted and those made. */
function costRow(
  label: string,
  result: CaseResult | undefined,
  parse: Cost,
  made: number,
): string {
  if (result === undefined) return `  ${label}: no samples`;
  const told = [...result.changes].join('/');
  return `  ${label.padEnd(26)} CPU ${ms(result.cpuMs)} = ` +
    `${ratio(result.cpuMs, parse.cpuMs)} JSON.parse, ` +
    `allocated ${megabytes(result.allocatedBytes)} = ` +
    `${ratio(result.allocatedBytes, parse.allocatedBytes)} JSON.parse; changes ${told}` +
    (told === String(made) ? '' : ` (expected ${String(made)})`);
}

/** Per-poll CPU and allocation, unchanged and with a tenth changed, against JSON.parse. */
async function benchPollCost(): Promise<string[]> {
  const account = new WireAccount(LARGE, 7);
  const rig = new PollRig(account);
  try {
    await rig.start();
    const bodies = account.devices.map((d) => JSON.stringify(account.detailBody(d, rig.nowMs)));
    const bytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    let changed = 0;
    const results = await sampleCases({
      parse: {
        prepare: () => undefined,
        run: () => {
          for (const body of bodies) JSON.parse(body);
          return 0;
        },
      },
      unchanged: { prepare: () => { rig.prepare(); }, run: () => rig.poll() },
      changed: {
        prepare: () => {
          changed = account.changeTenth();
          rig.prepare();
        },
        run: () => rig.poll(),
      },
    });
    const parse = results.get('parse');
    if (parse === undefined) return [];
    return [
      `Coordinator: one poll of ${shapeOf(LARGE)}, details mapped before the timed part, ` +
        `vs JSON.parse of one poll's ${bodies.length.toLocaleString('en')} detail bodies ` +
        `(${megabytes(bytes)}); medians of ${String(ROUNDS)}, ${gcNote()}`,
      `  ${'JSON.parse'.padEnd(26)} CPU ${ms(parse.cpuMs)}, ` +
        `allocated ${megabytes(parse.allocatedBytes)}`,
      costRow('nothing changed', results.get('unchanged'), parse, 0),
      costRow(`one value on ${String(changed)} devices`, results.get('changed'), parse, changed),
    ];
  } finally {
    rig.stop();
  }
}

/** Used heap after collecting everything collectable; twice, for what finalizers let go. */
function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return getHeapStatistics().used_heap_size;
}

async function pollRepeatedly(rig: PollRig, account: WireAccount, polls: number): Promise<void> {
  for (let i = 0; i < polls; i++) {
    account.changeTenth();
    rig.prepare();
    await rig.poll();
  }
}

/** Used heap after each checkpoint's number of polls, all on one coordinator. */
async function heapAtCheckpoints(account: WireAccount): Promise<number[]> {
  const rig = new PollRig(account);
  try {
    await rig.start();
    const heaps: number[] = [];
    let polled = 0;
    for (const polls of HEAP_CHECKPOINTS) {
      await pollRepeatedly(rig, account, polls - polled);
      polled = polls;
      heaps.push(heapUsed());
    }
    return heaps;
  } finally {
    rig.stop();
  }
}

/** Heap after many polls against after a few: the coordinator must keep no history. */
async function benchHeap(): Promise<string[]> {
  const heaps = await heapAtCheckpoints(new WireAccount(SMALL, 13));
  const first = heaps[0] ?? 0;
  const last = heaps[heaps.length - 1] ?? 0;
  const polls = HEAP_CHECKPOINTS.map((n) => n.toLocaleString('en')).join(', ');
  return [
    `Coordinator heap: ${shapeOf(SMALL)}, one value changed on a tenth of the devices ` +
      `each poll, ${gcNote()}`,
    `  used heap after ${polls} polls: ${heaps.map(megabytes).join(', ')}; ` +
      `last / first = ${ratio(last, first)} ` +
      `(${last >= first ? '+' : ''}${((last - first) / 1e3).toFixed(0)} kB)`,
  ];
}

/** Both coordinator sections; a failure is reported, not thrown, and the bench exits 1. */
export async function benchCoordinator(): Promise<string[]> {
  const lines: string[] = [];
  for (const section of [benchPollCost, benchHeap]) {
    try {
      lines.push(...await section());
    } catch (error) {
      process.exitCode = 1;
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      lines.push(`  ${section.name} failed: ${message}`);
    }
  }
  return lines;
}
