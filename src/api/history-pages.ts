import { DateTime } from 'luxon';

import type { HistoryResolution, MappedHistoryPage } from '../models/index.js';
import { isHistoryResolution, mapHistoryPage } from '../models/index.js';
import { ResponseValidationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import type { GetResult } from './request-executor.js';

/** A history window: from `since` forward, or back from `until`; one of the two. */
export type HistoryQuery = {
  readonly resolution: HistoryResolution;
  readonly signal?: AbortSignal;
  /** Default the client's `maxHistoryPages`. */
  readonly maxPages?: number;
} & (
  | { readonly since: DateTime | string; readonly until?: undefined }
  | { readonly until: DateTime | string; readonly since?: undefined }
);

export interface HistoryPaging {
  readonly firstUrl: URL;
  readonly direction: 'next' | 'prev';
  readonly maxPages: number;
  readonly signal: AbortSignal | undefined;
  readonly get: (url: URL, signal: AbortSignal | undefined) => Promise<GetResult>;
  readonly logger: Logger;
}

/** The first page's URL; later ones are the server's own links, never built here. */
export function firstHistoryUrl(deviceUrl: URL, query: HistoryQuery): URL {
  if (!isHistoryResolution(query.resolution)) {
    throw new TypeError('resolution must be quarterHour, hour, day or month');
  }
  const url = new URL(`${deviceUrl.pathname}/history`, deviceUrl);
  url.searchParams.set('resolution', query.resolution);
  if (query.since !== undefined) url.searchParams.set('since', isoOf(query.since, 'since'));
  else url.searchParams.set('until', isoOf(query.until, 'until'));
  return url;
}

/**
 * Follows `next` (or `prev`, going back from `until`) page by page. A link to another
 * origin is refused, since it would carry our bearer token there; a link seen before ends
 * the paging (the server looped, and nothing new would come); more than `maxPages` pages
 * is an error, so that a cursor that never ends cannot keep a caller forever.
 */
export async function* historyPages(paging: HistoryPaging): AsyncGenerator<MappedHistoryPage> {
  const seen = new Set<string>();
  let url: URL | undefined = paging.firstUrl;

  for (let pages = 0; url !== undefined; pages++) {
    if (pages >= paging.maxPages) {
      throw new ResponseValidationError(
        `history paging went past ${paging.maxPages} pages; ask for a shorter window`,
        [{ path: [paging.direction], rule: 'history_page_cap', message: 'too many pages' }],
      );
    }
    seen.add(url.href);

    const result = await paging.get(url, paging.signal);
    if (result.kind !== 'body') throw new TypeError('history pages are never cached');
    const mapped = mapHistoryPage(result.body);
    yield mapped;

    const link = mapped.page[paging.direction];
    url = link === undefined ? undefined : followable(link, url);
    if (url !== undefined && seen.has(url.href)) {
      paging.logger.warn('history paging returned to a page it had served; stopping there');
      url = undefined;
    }
  }
}

function followable(link: string, current: URL): URL {
  const next = URL.canParse(link, current.href) ? new URL(link, current) : undefined;
  if (next?.origin !== current.origin) {
    throw new ResponseValidationError('a history link leads away from the Data API', [
      { path: ['next'], rule: 'same_origin', message: 'the link is on another origin' },
    ]);
  }
  return next;
}

function isoOf(value: DateTime | string, name: string): string {
  const time = typeof value === 'string' ? DateTime.fromISO(value, { zone: 'utc' }) : value;
  const iso = time.isValid ? time.toUTC().toISO() : null;
  if (iso === null) throw new TypeError(`${name} must be a valid date-time`);
  return iso;
}
