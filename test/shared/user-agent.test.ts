import { describe, expect, it } from 'vitest';

import { ConfigurationError } from '../../src/shared/errors.js';
import { buildUserAgent } from '../../src/shared/user-agent.js';

describe('buildUserAgent', () => {
  it('puts the app first, then the library, then the platform', () => {
    expect(buildUserAgent('MyHub/1.4.0')).toBe(
      `MyHub/1.4.0 tibber-data/0.1.0 (node ${process.version}; ${process.platform})`,
    );
  });

  it('keeps what the app adds after its product', () => {
    expect(buildUserAgent('MyHub/1.4.0 (+https://example.com)')).toMatch(
      /^MyHub\/1\.4\.0 \(\+https:\/\/example\.com\) tibber-data\/0\.1\.0 /,
    );
  });

  it.each([undefined, '', '  ', 'MyHub', 'My Hub/1.0', '/1.0'])(
    'refuses %j as a configuration error',
    (app) => {
      expect(() => buildUserAgent(app)).toThrow(ConfigurationError);
    },
  );
});
