/**
 * When a `Retry-After` header says to try again, in epoch milliseconds: RFC 9110 allows
 * delay-seconds or an HTTP-date. Anything else (a negative or fractional number, garbage)
 * is no answer: `undefined`, and the caller falls back to its own backoff. A date in the
 * past means now.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  nowMs: number,
): number | undefined {
  const text = header?.trim() ?? '';
  if (text === '') return undefined;

  if (/^\d+$/.test(text)) return nowMs + Number(text) * 1_000;
  if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;

  const atMs = Date.parse(text);
  return Number.isNaN(atMs) ? undefined : Math.max(nowMs, atMs);
}
