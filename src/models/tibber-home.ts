import type { TibberDevice } from './tibber-device.js';

/** Postal address fields, kept only when the wire carries them (it has not been seen to). */
export interface HomeAddress {
  readonly address1?: string;
  readonly address2?: string;
  readonly address3?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly country?: string;
}

/** A user's home (original design: TibberHome). */
export interface TibberHome {
  /** A UUID. */
  readonly homeId: string;
  readonly displayName: string;
  readonly address?: HomeAddress;
  /** IANA; the wire carries none, so usually the configured default. */
  readonly timeZone: string;
  /** Empty from `/v1/homes`; the coordinator attaches each home's devices. */
  readonly devices: readonly TibberDevice[];
}
