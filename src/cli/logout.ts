import { EncryptedFileTokenStore } from '../auth/index.js';
import { TokenStoreError } from '../shared/errors.js';
import type { CliContext } from './context.js';

export interface LogoutOptions {
  readonly tokenFile: string;
  readonly json: boolean;
}

/**
 * Deletes the saved session, under the store's lock so that it cannot interleave with a
 * refresh writing the file. Tibber has no revocation endpoint: what it already issued stays
 * valid until it expires, and the output says so.
 */
export async function runLogout(context: CliContext, options: LogoutOptions): Promise<void> {
  const { tokenFile } = options;
  const store = new EncryptedFileTokenStore({ path: tokenFile, env: context.env });
  const removed = await store.exclusive(async (): Promise<Removed> => {
    const found = await readable(store);
    if (found.kind !== 'none') await store.clear();
    return found;
  });

  const { output } = context;
  if (options.json) {
    output.line(JSON.stringify({ type: 'signedOut', removed: removed.kind !== 'none', tokenFile }));
  } else if (removed.kind === 'none') {
    output.line(`No session in ${tokenFile}; nothing to remove.`);
  } else {
    const whose = removed.kind === 'session' ? ` of Tibber user ${removed.userId}` : '';
    output.line(`Signed out: removed the session${whose} from ${tokenFile}.`);
  }
  if (removed.kind !== 'none') {
    output.status(
      'Tibber cannot revoke tokens: the access token already issued stays valid until it ' +
        'expires, within the hour.',
    );
  }
}

type Removed =
  | { readonly kind: 'none' }
  | { readonly kind: 'session'; readonly userId: string }
  | { readonly kind: 'unreadable' };

async function readable(store: EncryptedFileTokenStore): Promise<Removed> {
  try {
    const session = await store.load();
    return session === undefined ? { kind: 'none' } : { kind: 'session', userId: session.userId };
  } catch (error) {
    // A session this key cannot read is still one to delete.
    if (error instanceof TokenStoreError && error.failure !== 'io') return { kind: 'unreadable' };
    throw error;
  }
}
