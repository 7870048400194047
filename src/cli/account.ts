import type { OAuthSession } from '../models/index.js';
import { EncryptedFileTokenStore, OAuthSessionManager } from '../auth/index.js';
import { TibberDataClient } from '../api/index.js';
import type { Logger } from '../shared/logger.js';
import { libraryIdentity } from '../shared/version.js';
import type { ConfigFile } from './config.js';
import { DEFAULT_REDIRECT_URI, ENV, defaultTokenFile, missingSetting, pick } from './config.js';
import { CommandFailure, ExitCode } from './exit-codes.js';

/** The flags every command that talks to an account accepts. */
export interface AccountFlags {
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly tokenFile?: string;
  readonly issuer?: string;
  readonly apiUrl?: string;
}

export interface AccountSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly tokenFile: string;
  /** Tibber's identity server when absent. */
  readonly issuer?: string;
  /** Tibber's Data API when absent. */
  readonly apiUrl?: string;
}

export function accountSettings(
  flags: AccountFlags,
  env: NodeJS.ProcessEnv,
  file: ConfigFile,
): AccountSettings {
  const clientId = pick(flags.clientId, env[ENV.clientId], file.clientId);
  if (clientId === undefined) {
    throw missingSetting('OAuth client id', [
      'pass --client-id',
      `set ${ENV.clientId}`,
      'put clientId in the config file',
    ]);
  }
  const clientSecret = pick(undefined, env[ENV.clientSecret], file.clientSecret);
  if (clientSecret === undefined) {
    throw missingSetting('OAuth client secret', [
      `set ${ENV.clientSecret}`,
      'put clientSecret in the config file (never a flag: ps shows flags)',
    ]);
  }
  const issuer = pick(flags.issuer, env[ENV.issuer], file.issuer);
  const apiUrl = pick(flags.apiUrl, env[ENV.apiUrl], file.apiUrl);
  return {
    clientId,
    clientSecret,
    redirectUri:
      pick(flags.redirectUri, env[ENV.redirectUri], file.redirectUri) ?? DEFAULT_REDIRECT_URI,
    tokenFile: pick(flags.tokenFile, env[ENV.tokenFile], file.tokenFile) ?? defaultTokenFile(env),
    ...(issuer === undefined ? {} : { issuer }),
    ...(apiUrl === undefined ? {} : { apiUrl }),
  };
}

/** The command's own User-Agent product; the library appends itself and the platform. */
export function cliUserAgent(): string {
  return `tibber-data-cli/${libraryIdentity().version}`;
}

export interface Account {
  readonly auth: OAuthSessionManager;
  readonly client: TibberDataClient;
  readonly settings: AccountSettings;
}

/** The session manager over the encrypted token file, and a client that uses it. */
export function openAccount(
  settings: AccountSettings,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Account {
  if ((env[ENV.tokenKey] ?? '').trim() === '') {
    throw new CommandFailure(
      `No token key: run \`tibber-data keygen\` and set ${ENV.tokenKey} as it says; ` +
        'the session is saved encrypted with it',
      ExitCode.configuration,
    );
  }
  const store = new EncryptedFileTokenStore({ path: settings.tokenFile, env });
  const auth = new OAuthSessionManager({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    userAgent: cliUserAgent(),
    store,
    logger,
    ...(settings.issuer === undefined ? {} : { issuer: settings.issuer }),
  });
  const client = new TibberDataClient({
    auth,
    userAgent: cliUserAgent(),
    logger,
    ...(settings.apiUrl === undefined ? {} : { baseUrl: settings.apiUrl }),
  });
  return { auth, client, settings };
}

/** The stored session, or a failure that says how to get one. */
export async function requireSession(account: Account): Promise<OAuthSession> {
  const session = await account.auth.session();
  if (session === undefined) {
    throw new CommandFailure(
      `No Tibber session in ${account.settings.tokenFile}: run \`tibber-data login\` first`,
      ExitCode.signInRequired,
    );
  }
  return session;
}
