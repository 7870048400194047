import { deriveHomeDisplayName } from './derive/home-display-name.js';
import { deepFreeze } from './freeze.js';
import type { MappingContext } from './mapping-context.js';
import { freezeMappedList } from './mapping-issue.js';
import type { MappedList, MappingIssue } from './mapping-issue.js';
import { checkHome } from './rules/check-home.js';
import { assertIanaTimeZone } from './time.js';
import type { HomeAddress, TibberHome } from './tibber-home.js';
import { asDataError } from './rejection.js';
import { ruleViolation } from './validation-rules.js';
import { wireHomeSchema, wireHomesEnvelopeSchema } from './wire/home.js';
import type { WireAddress, WireHome } from './wire/home.js';
import { itemRefOf, parseEnvelope, parseItem } from './wire/parse.js';

/**
 * `/v1/homes` → homes, each validated on its own. Throws a `ResponseValidationError` when
 * the envelope is wrong and a `TypeError` when the configured default zone is invalid.
 */
export function mapHomes(
  body: unknown,
  context: Pick<MappingContext, 'defaultTimeZone'>,
): MappedList<TibberHome> {
  assertIanaTimeZone(context.defaultTimeZone, 'defaultTimeZone');
  const envelope = parseEnvelope(wireHomesEnvelopeSchema, body, 'homes response');

  const items: TibberHome[] = [];
  const issues: MappingIssue[] = [];
  const seen = new Set<string>();
  envelope.homes.forEach((item, index) => {
    const itemRef = itemRefOf(item, 'homes', index);
    const parsed = parseItem(wireHomeSchema, item, 'home', itemRef, ['homes', index]);
    if (!parsed.ok) {
      issues.push({ kind: 'rejected', itemKind: 'home', itemRef, error: parsed.error });
      return;
    }

    try {
      const home = toHome(parsed.value, context.defaultTimeZone);
      checkHome(home);
      if (seen.has(home.homeId)) {
        throw ruleViolation('home', itemRef, 'home_id_unique', 'an earlier home has this id');
      }
      seen.add(home.homeId);
      items.push(deepFreeze(home));
    } catch (error) {
      issues.push({ kind: 'rejected', itemKind: 'home', itemRef, error: asDataError(error) });
    }
  });
  return freezeMappedList(items, issues);
}

function toHome(wire: WireHome, defaultTimeZone: string): TibberHome {
  const wireZone = wire.timeZone?.trim() ?? '';
  const address = toAddress(wire.address ?? wire.info?.address);
  return {
    homeId: wire.id,
    displayName: deriveHomeDisplayName(wire),
    ...(address === undefined ? {} : { address }),
    timeZone: wireZone === '' ? defaultTimeZone : wireZone,
    devices: [],
  };
}

const ADDRESS_FIELDS = [
  'address1',
  'address2',
  'address3',
  'postalCode',
  'city',
  'country',
] as const;

function toAddress(wire: WireAddress | null | undefined): HomeAddress | undefined {
  if (wire === null || wire === undefined) return undefined;

  const entries = ADDRESS_FIELDS.flatMap((field) => {
    const value = wire[field]?.trim() ?? '';
    return value === '' ? [] : [[field, value] as const];
  });
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
