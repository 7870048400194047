import type {
  DeviceAttribute,
  DeviceCapability,
  OnlineStatus,
  TibberDevice,
  TibberHome,
} from '../models/index.js';

/**
 * What one poll changed, by value. Each change carries the previous and the current
 * value; a poll that changed nothing yields none. Capability and attribute changes name
 * their device; a device's `updated` change covers its own fields (name, model, homes,
 * last seen), not its capabilities, which have changes of their own.
 */
export type Change =
  | { readonly kind: 'homeAdded'; readonly current: TibberHome }
  | { readonly kind: 'homeUpdated'; readonly previous: TibberHome; readonly current: TibberHome }
  | { readonly kind: 'homeRemoved'; readonly previous: TibberHome }
  | { readonly kind: 'deviceAdded'; readonly current: TibberDevice }
  | {
      readonly kind: 'deviceUpdated';
      readonly previous: TibberDevice;
      readonly current: TibberDevice;
    }
  | { readonly kind: 'deviceRemoved'; readonly previous: TibberDevice }
  | {
      readonly kind: 'capabilityAdded';
      readonly deviceId: string;
      readonly current: DeviceCapability;
    }
  | {
      readonly kind: 'capabilityChanged';
      readonly deviceId: string;
      readonly previous: DeviceCapability;
      readonly current: DeviceCapability;
    }
  | {
      readonly kind: 'capabilityRemoved';
      readonly deviceId: string;
      readonly previous: DeviceCapability;
    }
  | {
      readonly kind: 'attributeAdded';
      readonly deviceId: string;
      readonly current: DeviceAttribute;
    }
  | {
      readonly kind: 'attributeChanged';
      readonly deviceId: string;
      readonly previous: DeviceAttribute;
      readonly current: DeviceAttribute;
    }
  | {
      readonly kind: 'attributeRemoved';
      readonly deviceId: string;
      readonly previous: DeviceAttribute;
    }
  | {
      readonly kind: 'onlineStatusChanged';
      readonly deviceId: string;
      readonly previous: OnlineStatus;
      readonly current: OnlineStatus;
    };

export type ChangeKind = Change['kind'];
