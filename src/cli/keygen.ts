import { randomBytes } from 'node:crypto';

import { MIN_KEY_BYTES, TOKEN_KEY_ENV } from '../auth/index.js';
import type { CliContext } from './context.js';

/**
 * A new token-store key on stdout, as an environment assignment, and on stderr where it
 * goes. The key is printed only because the user asked for it; nothing else ever prints one.
 */
export function runKeygen(context: CliContext, options: { readonly json: boolean }): void {
  const key = randomBytes(MIN_KEY_BYTES).toString('base64');
  const { output } = context;
  if (options.json) output.line(JSON.stringify({ env: TOKEN_KEY_ENV, key }));
  else output.line(`${TOKEN_KEY_ENV}=${key}`);

  if (context.env[TOKEN_KEY_ENV] !== undefined) {
    output.status(
      `${TOKEN_KEY_ENV} is already set: a session saved with the old key cannot be read ` +
        'with this one, so replacing it means running `tibber-data login` again.',
    );
  }
  output.status(
    `Put it in the environment of every tibber-data process that reads the session: ` +
      '`export` it in your shell, or put the line in a systemd EnvironmentFile= readable ' +
      'only by the service. Keep it apart from the token file: together they sign in as you.',
  );
}
