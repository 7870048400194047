import { FLOW_COUNT as FLOWS_IMPORTED } from './energy-flows.js';
import type { EnergySite } from './energy-site.js';
import * as time from './zone-time.js';

/**
 * Energy of a site between two instants, per flow, in watt-hours. Quarter hours are
 * grouped in blocks of one UTC day; a block's totals are kept for good once computed and
 * its running sums for the most recent blocks, so a year-to-date counter costs a few
 * hundred additions after the first request.
 */

// Hot loops read a module-local copy: transpilers may turn imported bindings into getters.
const FLOW_COUNT = FLOWS_IMPORTED;
const { HOUR_MS, QUARTER_HOUR_MS } = time;
const SLOTS_PER_BLOCK = 96;
const SLOT_HOURS = QUARTER_HOUR_MS / HOUR_MS;
const RECENT_BLOCKS = 48;
const REMEMBERED_SPANS = 64;

export class EnergyLedger {
  readonly #site: EnergySite;
  readonly #totals = new Map<number, Float64Array>();
  readonly #runningSums = new Map<number, Float64Array>();
  // Sums of whole blocks by span: every device of a site asks for the same periods.
  readonly #spans = new Map<string, Float64Array>();
  readonly #scratch = new Float64Array(FLOW_COUNT);

  constructor(site: EnergySite) {
    this.#site = site;
  }

  get site(): EnergySite {
    return this.#site;
  }

  /** Watt-hours per flow in `[fromMs, toMs)`; zeros when the interval is empty. */
  between(fromMs: number, toMs: number): Float64Array {
    const result = new Float64Array(FLOW_COUNT);
    if (toMs <= fromMs) return result;

    const from = fromMs / QUARTER_HOUR_MS;
    const to = toMs / QUARTER_HOUR_MS;
    const firstBlock = Math.floor(from / SLOTS_PER_BLOCK);
    const lastBlock = Math.floor(to / SLOTS_PER_BLOCK);
    if (firstBlock === lastBlock) {
      this.#addWithin(result, lastBlock, to, 1);
      this.#addWithin(result, firstBlock, from, -1);
      return result;
    }

    this.#addWithin(result, firstBlock, from, -1);
    this.#add(result, this.#spanOf(firstBlock, lastBlock), 1);
    this.#addWithin(result, lastBlock, to, 1);
    return result;
  }

  /** Energy of the whole blocks from `firstBlock` up to, not including, `endBlock`. */
  #spanOf(firstBlock: number, endBlock: number): Float64Array {
    const key = `${firstBlock}:${endBlock}`;
    const known = this.#spans.get(key);
    if (known !== undefined) return known;

    const span = new Float64Array(FLOW_COUNT);
    for (let block = firstBlock; block < endBlock; block++) {
      this.#add(span, this.#totalOf(block), 1);
    }
    if (this.#spans.size >= REMEMBERED_SPANS) this.#spans.clear();
    this.#spans.set(key, span);
    return span;
  }

  /** Adds `sign` times the energy from the block's start to slot position `position`. */
  #addWithin(result: Float64Array, block: number, position: number, sign: number): void {
    const offset = position - block * SLOTS_PER_BLOCK;
    if (offset <= 0) return;

    const sums = this.#runningSumsOf(block);
    const whole = Math.min(SLOTS_PER_BLOCK - 1, Math.floor(offset));
    const fraction = offset - whole;
    for (let flow = 0; flow < FLOW_COUNT; flow++) {
      const before = sums[whole * FLOW_COUNT + flow] ?? 0;
      const after = sums[(whole + 1) * FLOW_COUNT + flow] ?? 0;
      result[flow] = (result[flow] ?? 0) + sign * (before + fraction * (after - before));
    }
  }

  #add(result: Float64Array, values: Float64Array, sign: number): void {
    for (let flow = 0; flow < FLOW_COUNT; flow++) {
      result[flow] = (result[flow] ?? 0) + sign * (values[flow] ?? 0);
    }
  }

  #totalOf(block: number): Float64Array {
    const known = this.#totals.get(block);
    if (known !== undefined) return known;

    const total = new Float64Array(FLOW_COUNT);
    for (let slot = 0; slot < SLOTS_PER_BLOCK; slot++) {
      this.#site.slotFlows(block * SLOTS_PER_BLOCK + slot, this.#scratch);
      this.#add(total, this.#scratch, SLOT_HOURS);
    }
    this.#totals.set(block, total);
    return total;
  }

  /** Energy from the block's start to each quarter-hour boundary in it: 97 rows. */
  #runningSumsOf(block: number): Float64Array {
    const known = this.#runningSums.get(block);
    if (known !== undefined) return known;

    const sums = new Float64Array((SLOTS_PER_BLOCK + 1) * FLOW_COUNT);
    for (let slot = 0; slot < SLOTS_PER_BLOCK; slot++) {
      this.#site.slotFlows(block * SLOTS_PER_BLOCK + slot, this.#scratch);
      for (let flow = 0; flow < FLOW_COUNT; flow++) {
        const row = slot * FLOW_COUNT + flow;
        sums[row + FLOW_COUNT] = (sums[row] ?? 0) + (this.#scratch[flow] ?? 0) * SLOT_HOURS;
      }
    }

    if (this.#runningSums.size >= RECENT_BLOCKS) {
      const oldest = this.#runningSums.keys().next();
      if (oldest.done !== true) this.#runningSums.delete(oldest.value);
    }
    this.#runningSums.set(block, sums);
    this.#totals.set(block, sums.slice(SLOTS_PER_BLOCK * FLOW_COUNT));
    return sums;
  }
}
