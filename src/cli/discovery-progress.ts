import type { CallOptions } from '../api/index.js';
import type { CoordinatorClient } from '../coordinator/index.js';
import type { MappedDevice, MappedList, TibberDevice, TibberHome } from '../models/index.js';
import type { Output } from './output.js';

/**
 * The coordinator's client, counting the first discovery so that an account with many
 * devices shows `Discovering devices 37/120` instead of a silent wait. On a terminal the
 * line is redrawn; elsewhere it appears at each quarter, so a log stays short.
 */
export class DiscoveryProgress implements CoordinatorClient {
  readonly #client: CoordinatorClient;
  readonly #output: Output;
  readonly #listed = new Set<string>();
  #fetched = 0;
  #lastQuarter = 0;
  #finished = false;

  constructor(client: CoordinatorClient, output: Output) {
    this.#client = client;
    this.#output = output;
  }

  getHomes(options?: CallOptions): Promise<MappedList<TibberHome>> {
    return this.#client.getHomes(options);
  }

  async getDevices(homeId: string, options?: CallOptions): Promise<MappedList<TibberDevice>> {
    const list = await this.#client.getDevices(homeId, options);
    if (!this.#finished) for (const device of list.items) this.#listed.add(device.deviceId);
    return list;
  }

  async getDevice(homeId: string, deviceId: string, options?: CallOptions): Promise<MappedDevice> {
    try {
      return await this.#client.getDevice(homeId, deviceId, options);
    } finally {
      if (!this.#finished) {
        this.#fetched += 1;
        this.#report();
      }
    }
  }

  /** The first poll is over: end the line, and count no more. */
  finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#fetched > 0) {
      this.#output.progress(`Discovered ${this.#listed.size} devices`, true);
    }
  }

  #report(): void {
    const total = Math.max(this.#listed.size, this.#fetched);
    const text = `Discovering devices ${this.#fetched}/${total}`;
    if (this.#output.interactive) {
      this.#output.progress(text);
      return;
    }
    const quarter = Math.floor((this.#fetched / total) * 4);
    if (quarter > this.#lastQuarter && quarter < 4) {
      this.#lastQuarter = quarter;
      this.#output.progress(text);
    }
  }
}
