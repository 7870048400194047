import type { CallOptions } from '../../src/api/tibber-data-client.js';
import type { CoordinatorClient } from '../../src/coordinator/coordinator-settings.js';

type Call = 'getHomes' | 'getDevices' | 'getDevice';

/**
 * A client that fails on demand, with exactly the error a test names: the coordinator's
 * contract is about error classes, whichever HTTP answer produced them.
 */
export class FaultyClient implements CoordinatorClient {
  readonly #inner: CoordinatorClient;
  readonly #failures = new Map<string, Error>();
  /** Calls that never settle, whatever their signal says. */
  hang = false;

  constructor(inner: CoordinatorClient) {
    this.#inner = inner;
  }

  /** Every call of this kind (for this device, when given) fails until `heal`. */
  fail(call: Call, error: Error, deviceId?: string): void {
    this.#failures.set(`${call}:${deviceId ?? '*'}`, error);
  }

  heal(): void {
    this.#failures.clear();
    this.hang = false;
  }

  getHomes(options?: CallOptions) {
    return this.#call('getHomes', undefined, () => this.#inner.getHomes(options));
  }

  getDevices(homeId: string, options?: CallOptions) {
    return this.#call('getDevices', undefined, () => this.#inner.getDevices(homeId, options));
  }

  getDevice(homeId: string, deviceId: string, options?: CallOptions) {
    return this.#call('getDevice', deviceId, () =>
      this.#inner.getDevice(homeId, deviceId, options),
    );
  }

  #call<T>(call: Call, deviceId: string | undefined, run: () => Promise<T>): Promise<T> {
    if (this.hang) return new Promise<T>(() => undefined);
    const error = this.#failures.get(`${call}:${deviceId ?? '*'}`) ??
      this.#failures.get(`${call}:*`);
    return error === undefined ? run() : Promise.reject(error);
  }
}
