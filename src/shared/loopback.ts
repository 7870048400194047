/**
 * Loopback: 127.0.0.0/8, ::1 and localhost. Tokens and secrets travel in the clear to
 * nothing else, so this is the only place plain http is allowed (the mock server in tests).
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** https, or http on loopback. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackUrl(url));
}
