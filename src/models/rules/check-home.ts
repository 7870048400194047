import { isIanaTimeZone } from '../time.js';
import type { TibberHome } from '../tibber-home.js';
import { ruleViolation } from '../validation-rules.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any version: the rule is the shape of a home id, not how it was generated. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * The home rules of the original design. Mapping runs them on every home it builds; they
 * also guard homes from elsewhere (a restored cache), where no derivation vouches for them.
 */
export function checkHome(home: TibberHome): void {
  const ref = home.homeId === '' ? '(empty id)' : home.homeId;

  if (!isUuid(home.homeId)) {
    throw ruleViolation('home', ref, 'home_id_uuid', 'the home id is not a UUID');
  }
  if (home.displayName.trim() === '') {
    throw ruleViolation('home', ref, 'home_display_name_non_empty', 'the display name is empty');
  }
  if (!isIanaTimeZone(home.timeZone)) {
    throw ruleViolation('home', ref, 'home_time_zone_iana',
      `${JSON.stringify(home.timeZone)} is not an IANA time zone`);
  }
}
