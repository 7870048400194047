import { readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { z } from 'zod';

import { TOKEN_KEY_ENV } from '../auth/index.js';
import { ConfigurationError } from '../shared/errors.js';

/**
 * Where the command's settings come from, strongest first: a flag, an environment
 * variable, the config file (`--config` or `TIBBER_DATA_CONFIG`), a default. Secrets (the
 * client secret, the MQTT password, the token key) are never flags: a command line is
 * visible to every user of the machine in `ps`.
 */
export const ENV = {
  config: 'TIBBER_DATA_CONFIG',
  clientId: 'TIBBER_DATA_CLIENT_ID',
  clientSecret: 'TIBBER_DATA_CLIENT_SECRET',
  redirectUri: 'TIBBER_DATA_REDIRECT_URI',
  tokenFile: 'TIBBER_DATA_TOKEN_FILE',
  tokenKey: TOKEN_KEY_ENV,
  issuer: 'TIBBER_DATA_ISSUER',
  apiUrl: 'TIBBER_DATA_API_URL',
  pollInterval: 'TIBBER_DATA_POLL_INTERVAL',
  mqttUrl: 'TIBBER_DATA_MQTT_URL',
  mqttUsername: 'TIBBER_DATA_MQTT_USERNAME',
  mqttPassword: 'TIBBER_DATA_MQTT_PASSWORD',
} as const;

/** The redirect URI the command listens on when none is configured. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

const text = z.string().trim().min(1);

/** The config file: JSON, every key optional, unknown keys refused (a typo is a bug). */
const configFileSchema = z.strictObject({
  clientId: text.optional(),
  clientSecret: text.optional(),
  redirectUri: text.optional(),
  tokenFile: text.optional(),
  issuer: text.optional(),
  apiUrl: text.optional(),
  pollInterval: text.optional(),
  mqtt: z
    .strictObject({
      url: text.optional(),
      username: text.optional(),
      password: text.optional(),
      discoveryPrefix: text.optional(),
      baseTopic: text.optional(),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

export interface LoadedConfig {
  readonly file: ConfigFile;
  /** Set when the file holds a secret and others on the machine may read it. */
  readonly warning?: string;
}

/** Reads the config file named by `--config` or the environment; none is fine. */
export async function loadConfigFile(
  path: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<LoadedConfig> {
  const named = path ?? nonEmpty(env[ENV.config]);
  if (named === undefined) return { file: {} };
  const fullPath = resolve(cwd, named);

  let raw: string;
  try {
    raw = await readFile(fullPath, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`Cannot read the config file ${fullPath} (${reason})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(`The config file ${fullPath} is not valid JSON`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue === undefined || issue.path.length === 0
      ? ''
      : ` at ${issue.path.join('.')}`;
    throw new ConfigurationError(
      `The config file ${fullPath} is invalid${where}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  const file = parsed.data;
  const holdsSecret = file.clientSecret !== undefined || file.mqtt?.password !== undefined;
  const { mode } = await stat(fullPath);
  return holdsSecret && (mode & 0o077) !== 0
    ? { file, warning: `${fullPath} holds a secret and others can read it: chmod 600 it` }
    : { file };
}

/** The first value given: the flag's, the environment's, the file's. */
export function pick(
  flag: string | undefined,
  env: string | undefined,
  file: string | undefined,
): string | undefined {
  return nonEmpty(flag) ?? nonEmpty(env) ?? nonEmpty(file);
}

/** `$XDG_STATE_HOME/tibber-data/session.json`, else under `~/.local/state`. */
export function defaultTokenFile(env: NodeJS.ProcessEnv): string {
  const home = nonEmpty(env['HOME']) ?? homedir();
  const state = nonEmpty(env['XDG_STATE_HOME']) ?? join(home, '.local', 'state');
  return join(state, 'tibber-data', 'session.json');
}

/** A required setting that is missing: what it is and the ways to give it. */
export function missingSetting(what: string, ways: readonly string[]): ConfigurationError {
  return new ConfigurationError(`No ${what}: ${ways.join(', or ')}`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
