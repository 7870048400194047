import { libraryIdentity } from './version.js';
import { ConfigurationError } from './errors.js';

/** `MyHub/1.2.3`, optionally followed by more products or a comment, as RFC 9110 allows. */
const PRODUCT = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+\/[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The User-Agent Tibber asks every client to send: the caller's app and version, then
 * this library's, then the platform. Tibber may throttle or block clients without one, so
 * an app that does not name itself is a configuration error, not a default.
 */
export function buildUserAgent(app: unknown): string {
  if (typeof app !== 'string' || app.trim() === '') {
    throw new ConfigurationError(
      'userAgent is required: name your app and its version, e.g. "MyHub/1.4.0"; Tibber may ' +
        'throttle or block clients that do not',
    );
  }
  const [product] = app.trim().split(/\s+/);
  if (product === undefined || !PRODUCT.test(product)) {
    throw new ConfigurationError(
      `userAgent must start with App/Version, e.g. "MyHub/1.4.0", not ${JSON.stringify(app)}`,
    );
  }
  const { name, version } = libraryIdentity();
  return `${app.trim()} ${name}/${version} (node ${process.version}; ${process.platform})`;
}
