import { describe, expect, it } from 'vitest';

import {
  ONLINE_STATUSES,
  deriveOnlineEvidence,
  mapDeviceDetail,
  nextOnlineStatus,
} from '../../src/models/index.js';
import type { OnlineSignals, OnlineStatus } from '../../src/models/index.js';
import { vehicleDetail } from './fixtures/wire-examples.js';
import { HOME_ID, NOW_MS, context } from './helpers.js';

const HOUR = 3_600_000;
const ctx = context({ staleAfterMs: 2 * HOUR });
const fresh = NOW_MS - HOUR;
const stale = NOW_MS - 3 * HOUR;

describe('online evidence of one detail response', () => {
  const links = (...statuses: string[]): OnlineSignals => ({ connectivityStatuses: statuses });

  it.each<[string, OnlineSignals, OnlineStatus]>([
    ['isOnline false', { ...links(), isOnline: false, lastSeenMs: fresh }, 'offline'],
    ['a link not connected', { ...links('disconnected'), lastSeenMs: fresh }, 'offline'],
    ['a stale lastSeen', { ...links(), lastSeenMs: stale }, 'offline'],
    ['isOnline true but stale', { ...links(), isOnline: true, lastSeenMs: stale }, 'offline'],
    ['isOnline false beats a link', { ...links('connected'), isOnline: false }, 'offline'],
    ['isOnline true', { ...links(), isOnline: true }, 'online'],
    ['a connected link', links('connected'), 'online'],
    ['one link of two connected', links('disconnected', 'connected'), 'online'],
    ['only a fresh lastSeen', { ...links(), lastSeenMs: fresh }, 'online'],
    ['no signal at all', links(), 'connecting'],
  ])('%s', (_name, signals, expected) => {
    expect(deriveOnlineEvidence(signals, ctx)).toBe(expected);
  });

  it.each([
    ['isOnline false', [{ id: 'isOnline', value: false }], 'offline'],
    ['IsOnline in another case', [{ id: 'IsOnline', value: true }], 'online'],
    ['a Connected link', [{ id: 'wifi', status: 'Connected' }], 'online'],
    ['a link that is down', [{ id: 'wifi', status: 'disconnected' }], 'offline'],
    ['an isOnline of the wrong type', [{ id: 'isOnline', value: 'yes' }], 'online'],
  ])('reads %s from a detail', (_name, attributes, expected) => {
    const { device } = mapDeviceDetail({ ...vehicleDetail, attributes }, HOME_ID, ctx);
    expect(device.onlineStatus).toBe(expected);
  });

  it('reads a detail whose lastSeen is stale as offline despite isOnline', () => {
    const body = { ...vehicleDetail, status: { lastSeen: '2026-08-21T07:00:00Z' } };
    expect(mapDeviceDetail(body, HOME_ID, ctx).device.onlineStatus).toBe('offline');
  });
});

describe('nextOnlineStatus', () => {
  const table: Record<OnlineStatus, Record<OnlineStatus, readonly OnlineStatus[]>> = {
    offline: { offline: [], connecting: ['connecting'], online: ['connecting', 'online'] },
    connecting: { offline: ['offline'], connecting: [], online: ['online'] },
    online: { offline: ['offline'], connecting: [], online: [] },
  };
  const pairs = ONLINE_STATUSES.flatMap((previous) =>
    ONLINE_STATUSES.map((evidence) => [previous, evidence, table[previous][evidence]] as const),
  );

  it('covers all nine pairs', () => {
    expect(pairs).toHaveLength(9);
  });

  it.each(pairs)('%s + %s evidence → %j', (previous, evidence, expected) => {
    expect(nextOnlineStatus(previous, evidence)).toEqual(expected);
  });

  it('only ever emits legal steps', () => {
    const legal = new Set(['offline>connecting', 'connecting>online', 'online>offline',
      'connecting>offline']);
    for (const [previous, evidence] of pairs) {
      let current: OnlineStatus = previous;
      for (const next of nextOnlineStatus(previous, evidence)) {
        expect(legal.has(`${current}>${next}`)).toBe(true);
        current = next;
      }
      const settlesOnEvidence = previous === 'online' && evidence === 'connecting'
        ? current === 'online'
        : current === evidence;
      expect(settlesOnEvidence).toBe(true);
    }
  });
});
