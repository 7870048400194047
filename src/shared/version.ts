import { readFileSync } from 'node:fs';

export interface LibraryIdentity {
  readonly name: string;
  readonly version: string;
}

let identity: LibraryIdentity | undefined;

/**
 * The library's own name and version, for the User-Agent Tibber asks for. Read once, on
 * first use, from the manifest two folders up: that holds from `src/shared` and from
 * `dist/shared` alike.
 */
export function libraryIdentity(): LibraryIdentity {
  identity ??= readManifest();
  return identity;
}

function readManifest(): LibraryIdentity {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const manifest: unknown = JSON.parse(text);
  if (
    typeof manifest === 'object' && manifest !== null &&
    'name' in manifest && typeof manifest.name === 'string' &&
    'version' in manifest && typeof manifest.version === 'string'
  ) {
    return Object.freeze({ name: manifest.name, version: manifest.version });
  }
  throw new Error('the package.json beside the library has no name or version');
}
