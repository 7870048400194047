/**
 * Just enough of a browser's cookie store (RFC 6265) to carry oidc-provider's interaction and
 * session cookies across a redirect chain on one loopback origin: name, value and path; a
 * cookie set with an expiry in the past or `Max-Age<=0` is removed. Domain, Secure and SameSite
 * are ignored, since every request goes to the same http origin.
 */
export class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string }>();

  /** Stores the `Set-Cookie` headers of a response to a request for `url`. */
  store(url: URL, setCookieHeaders: readonly string[]): void {
    for (const header of setCookieHeaders) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) {
        continue;
      }
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      let path = defaultPath(url);
      let expired = false;
      for (const attribute of attributes) {
        const [rawKey = '', ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const attributeValue = rest.join('=').trim();
        if (key === 'path' && attributeValue.startsWith('/')) {
          path = attributeValue;
        } else if (key === 'max-age') {
          expired ||= Number(attributeValue) <= 0;
        } else if (key === 'expires') {
          expired ||= Date.parse(attributeValue) <= Date.now();
        }
      }
      const id = `${name};${path}`;
      if (expired) {
        this.#cookies.delete(id);
      } else {
        this.#cookies.set(id, { name, value, path });
      }
    }
  }

  /** The `Cookie` header a browser would send with a request for `url`, if any. */
  header(url: URL): string | undefined {
    const matching = [...this.#cookies.values()]
      .filter((cookie) => pathMatches(url.pathname, cookie.path))
      // Longer paths first, as RFC 6265 section 5.4 asks.
      .sort((a, b) => b.path.length - a.path.length)
      .map((cookie) => `${cookie.name}=${cookie.value}`);
    return matching.length === 0 ? undefined : matching.join('; ');
  }
}

function defaultPath(url: URL): string {
  const lastSlash = url.pathname.lastIndexOf('/');
  return lastSlash <= 0 ? '/' : url.pathname.slice(0, lastSlash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) &&
      (cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/'))
  );
}
