/**
 * A device's connectivity as the original design names it. Devices move only along
 * `offline → connecting → online → offline`, and a connection attempt may fall back from
 * `connecting` to `offline`; every other change is reached through those steps.
 */
export const ONLINE_STATUSES = ['offline', 'connecting', 'online'] as const;

export type OnlineStatus = (typeof ONLINE_STATUSES)[number];

/**
 * The transitions to emit when a device in `previous` shows `evidence`, in order. Evidence
 * of `connecting` never demotes an online device (a list refresh is no news about it), and
 * evidence of `online` for an offline device passes through `connecting` so that listeners
 * see every legal step. `connecting → offline` is allowed because a device discovered
 * while unreachable must not be reported online on its way to offline.
 */
export function nextOnlineStatus(
  previous: OnlineStatus,
  evidence: OnlineStatus,
): readonly OnlineStatus[] {
  if (previous === evidence) return [];

  switch (evidence) {
    case 'offline':
      return ['offline'];
    case 'connecting':
      return previous === 'offline' ? ['connecting'] : [];
    case 'online':
      return previous === 'offline' ? ['connecting', 'online'] : ['online'];
  }
}
