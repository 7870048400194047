import type {
  MappedDevice,
  MappedHistoryPage,
  MappedList,
  MappingContext,
  TibberDevice,
  TibberHome,
  UserInfo,
} from '../models/index.js';
import {
  createMappingContext,
  mapDeviceDetail,
  mapDeviceList,
  mapHomes,
  mapUserInfo,
} from '../models/index.js';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import type { ClientSettings, TibberDataClientOptions } from './client-settings.js';
import { resolveClientSettings } from './client-settings.js';
import type { HistoryQuery } from './history-pages.js';
import { firstHistoryUrl, historyPages } from './history-pages.js';
import { RequestExecutor } from './request-executor.js';

export interface CallOptions {
  readonly signal?: AbortSignal;
}

interface CachedAnswer {
  readonly etag: string;
  readonly value: unknown;
}

/**
 * Every Data API call, validated and mapped to the domain model. Retries follow Tibber's
 * rules; a 429 holds back every call of this client until its `Retry-After`; device
 * details are limited in number at once, fewer after a 429. Conditional requests are made
 * only for URLs whose last answer carried an `ETag`.
 */
export class TibberDataClient {
  readonly #settings: ClientSettings;
  readonly #executor: RequestExecutor;
  readonly #details: AdaptiveLimiter;
  readonly #answers = new Map<string, CachedAnswer>();

  constructor(options: TibberDataClientOptions) {
    this.#settings = resolveClientSettings(options);
    this.#details = new AdaptiveLimiter(this.#settings.maxConcurrentDetails);
    this.#executor = new RequestExecutor(this.#settings, {
      rateLimited: () => {
        this.#details.rateLimited();
      },
    });
  }

  /** Device details allowed in flight now. */
  get detailConcurrency(): number {
    return this.#details.limit;
  }

  /** `/v1/homes`: each home validated alone; a bad one is in `issues`, not thrown. */
  async getHomes(options: CallOptions = {}): Promise<MappedList<TibberHome>> {
    return this.#get(this.#url('/v1/homes'), options, (body) => mapHomes(body, this.#context()));
  }

  /** A home's devices, without values: their type and status come with the detail. */
  async getDevices(homeId: string, options: CallOptions = {}): Promise<MappedList<TibberDevice>> {
    const url = this.#url(`/v1/homes/${segment(homeId, 'homeId')}/devices`);
    return this.#get(url, options, (body) => mapDeviceList(body, homeId, this.#context()));
  }

  /** One device with its capabilities and attributes; a bad item is left out alone. */
  async getDevice(
    homeId: string,
    deviceId: string,
    options: CallOptions = {},
  ): Promise<MappedDevice> {
    const url = this.#deviceUrl(homeId, deviceId);
    return this.#details.run(() =>
      this.#get(url, options, (body) => mapDeviceDetail(body, homeId, this.#context())),
    );
  }

  /** History pages in order, following the server's links; see `HistoryQuery`. */
  getDeviceHistory(
    homeId: string,
    deviceId: string,
    query: HistoryQuery,
  ): AsyncGenerator<MappedHistoryPage> {
    const firstUrl = firstHistoryUrl(this.#deviceUrl(homeId, deviceId), query);
    return historyPages({
      firstUrl,
      direction: query.since === undefined ? 'prev' : 'next',
      maxPages: query.maxPages ?? this.#settings.maxHistoryPages,
      signal: query.signal,
      get: (url, signal) =>
        this.#executor.get({ url, ...(signal === undefined ? {} : { signal }) }),
      logger: this.#settings.logger,
    });
  }

  /** The signed-in user, from the identity server's OIDC userinfo endpoint. */
  async getUserInfo(options: CallOptions = {}): Promise<UserInfo> {
    const result = await this.#executor.get({ url: this.#settings.userInfoUrl, ...options });
    if (result.kind !== 'body') throw new TypeError('userinfo is never asked conditionally');
    return mapUserInfo(result.body);
  }

  async #get<T>(url: URL, options: CallOptions, map: (body: unknown) => T): Promise<T> {
    const cached = this.#answers.get(url.href);
    const result = await this.#executor.get({
      url,
      ...options,
      ...(cached === undefined ? {} : { etag: cached.etag }),
    });
    if (result.kind === 'notModified' && cached !== undefined) return cached.value as T;
    if (result.kind === 'notModified') throw new TypeError('a 304 came for no cached answer');

    const value = map(result.body);
    if (result.etag === undefined) this.#answers.delete(url.href);
    else this.#answers.set(url.href, { etag: result.etag, value });
    return value;
  }

  #deviceUrl(homeId: string, deviceId: string): URL {
    return this.#url(
      `/v1/homes/${segment(homeId, 'homeId')}/devices/${segment(deviceId, 'deviceId')}`,
    );
  }

  #url(path: string): URL {
    return new URL(path, this.#settings.baseUrl);
  }

  #context(): MappingContext {
    return createMappingContext(this.#settings.clock.now(), this.#settings.mapping);
  }
}

function segment(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return encodeURIComponent(value);
}
