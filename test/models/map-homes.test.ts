import { describe, expect, it } from 'vitest';

import { ResponseValidationError } from '../../src/shared/errors.js';
import { mapHomes } from '../../src/models/index.js';
import { homeWithInfoName, homeWithRootName, homesBody } from './fixtures/wire-examples.js';
import { context, onlyRejection } from './helpers.js';

describe('mapHomes', () => {
  it('maps both documented home shapes with the default zone and no devices yet', () => {
    expect(mapHomes(homesBody, context())).toStrictEqual({
      items: [
        {
          homeId: homeWithRootName.id,
          displayName: 'Cabin',
          timeZone: 'Europe/Oslo',
          devices: [],
        },
        {
          homeId: homeWithInfoName.id,
          displayName: 'Main house',
          timeZone: 'Europe/Oslo',
          devices: [],
        },
      ],
      issues: [],
    });
  });

  it('uses the configured default zone', () => {
    const { items } = mapHomes(homesBody, context({ defaultTimeZone: 'Europe/Berlin' }));
    expect(items.map((home) => home.timeZone)).toEqual(['Europe/Berlin', 'Europe/Berlin']);
  });

  it('throws a TypeError for an invalid configured zone', () => {
    expect(() => mapHomes(homesBody, { defaultTimeZone: 'Europe/Atlantis' })).toThrow(
      new TypeError('defaultTimeZone must be an IANA time zone such as "Europe/Oslo"'),
    );
  });

  it('prefers a zone on the wire, should one ever appear', () => {
    const body = { homes: [{ ...homeWithRootName, timeZone: 'Europe/Stockholm' }] };
    expect(mapHomes(body, context()).items[0]?.timeZone).toBe('Europe/Stockholm');
  });

  it('keeps an address only when the wire carries one, dropping junk fields', () => {
    const body = {
      homes: [
        { ...homeWithRootName, address: { address1: 'Storgata 1', city: 'Oslo', postalCode: 7 } },
        { ...homeWithInfoName, info: { name: 'Main house', address: 'not an object' } },
      ],
    };
    const { items, issues } = mapHomes(body, context());
    expect(items.map((home) => home.address)).toEqual([
      { address1: 'Storgata 1', city: 'Oslo' },
      undefined,
    ]);
    expect(issues).toEqual([]);
  });

  it('falls back to a name from the id when neither name is given', () => {
    const body = { homes: [{ id: homeWithRootName.id, name: '  ', info: { name: null } }] };
    expect(mapHomes(body, context()).items[0]?.displayName).toBe('Home 7ea61717');
  });

  it('returns deeply frozen homes', () => {
    const { items } = mapHomes(homesBody, context());
    expect(Object.isFrozen(items)).toBe(true);
    expect(Object.isFrozen(items[0])).toBe(true);
    expect(Object.isFrozen(items[0]?.devices)).toBe(true);
  });

  it('rejects one bad home of three and keeps the other two', () => {
    const body = { homes: [homeWithRootName, { id: 42, name: 'Broken' }, homeWithInfoName] };
    const { items, issues } = mapHomes(body, context());

    expect(items.map((home) => home.displayName)).toEqual(['Cabin', 'Main house']);
    expect(onlyRejection(issues)).toEqual({
      itemKind: 'home',
      itemRef: 'homes[1]',
      errorClass: 'ResponseValidationError',
      rule: 'invalid_type',
    });
    const error = issues[0]?.kind === 'rejected' ? issues[0].error : undefined;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).issues).toEqual([
      { path: ['homes', 1, 'id'], rule: 'invalid_type', message: expect.any(String) },
    ]);
    expect(error?.message).toBe(
      'home "homes[1]" does not match the wire schema: homes.1.id: invalid_type',
    );
  });

  it.each([
    ['a body that is not an object', 'Bad gateway', [[]]],
    ['homes that is not an array', { homes: { id: 'x' } }, [['homes']]],
    ['a missing homes field', {}, [['homes']]],
  ])('throws a ResponseValidationError with issue paths for %s', (_name, body, paths) => {
    let thrown: unknown;
    try {
      mapHomes(body, context());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ResponseValidationError);
    expect((thrown as ResponseValidationError).issues.map((issue) => issue.path)).toEqual(paths);
  });
});
