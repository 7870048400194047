import { describe, expect, it } from 'vitest';

import { ResponseValidationError } from '../../src/shared/errors.js';
import { mapUserInfo } from '../../src/models/index.js';

describe('mapUserInfo', () => {
  it('maps sub, name and email, ignoring other claims', () => {
    const body = { sub: 'u-1', name: 'Ada', email: 'ada@example.com', locale: 'nb-NO' };
    expect(mapUserInfo(body)).toStrictEqual({
      userId: 'u-1',
      name: 'Ada',
      email: 'ada@example.com',
    });
  });

  it('omits absent and blank claims', () => {
    expect(mapUserInfo({ sub: 'u-1', name: ' ', email: null })).toStrictEqual({ userId: 'u-1' });
  });

  it('throws a ResponseValidationError without sub', () => {
    expect(() => mapUserInfo({ email: 'ada@example.com' })).toThrow(ResponseValidationError);
  });
});
