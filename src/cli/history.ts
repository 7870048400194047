import { resolve } from 'node:path';

import { DateTime } from 'luxon';

import type { TibberDataClient } from '../api/index.js';
import type { HistoryPoint, HistoryResolution, TibberDevice, TibberHome } from '../models/index.js';
import { HISTORY_RESOLUTIONS, isHistoryResolution } from '../models/index.js';
import type { Account } from './account.js';
import { requireSession } from './account.js';
import type { CliContext } from './context.js';
import { UsageError } from './exit-codes.js';
import { parseDuration } from './durations.js';
import { historyCsv } from './history-csv.js';
import { writeOutputFile } from './output-file.js';

export interface HistoryOptions {
  /** A device id, or its name (any case). */
  readonly device: string;
  readonly home?: string;
  readonly resolution: string;
  /** ISO 8601 in the home's zone, or a duration back from now (`24h`, `7d`). */
  readonly since?: string;
  readonly until?: string;
  readonly outputPath?: string;
  readonly json: boolean;
}

/** A device's history as CSV (or JSON lines), to stdout or a file. */
export async function runHistory(
  context: CliContext,
  account: Account,
  options: HistoryOptions,
): Promise<void> {
  const resolution = checkResolution(options.resolution);
  if (options.since !== undefined && options.until !== undefined) {
    throw new UsageError('give --since or --until, not both: the history is paged from one end');
  }
  await requireSession(account);
  const { home, device } = await findDevice(account.client, options.device, options.home);
  const window = options.until === undefined
    ? { since: when(options.since ?? '24h', '--since', home.timeZone) }
    : { until: when(options.until, '--until', home.timeZone) };

  const points: HistoryPoint[] = [];
  const pages = account.client.getDeviceHistory(home.homeId, device.deviceId, {
    resolution,
    ...window,
  });
  for await (const { page } of pages) points.push(...page.points);
  points.sort((a, b) => a.time.localeCompare(b.time));

  const text = options.json
    ? points.map((point) => `${JSON.stringify(point)}\n`).join('')
    : historyCsv(points, { timeZone: home.timeZone });
  if (options.outputPath === undefined) {
    // `line` ends the text with \n: the CSV's last record keeps its \r, as in the file, and
    // no points print no line at all with --json.
    if (text !== '') context.output.line(text.replace(/\n$/, ''));
  } else {
    const path = resolve(context.cwd, options.outputPath);
    await writeOutputFile(path, text);
    context.output.status(`Wrote ${points.length} points of ${device.name} to ${path}`);
  }
}

function checkResolution(text: string): HistoryResolution {
  if (isHistoryResolution(text)) return text;
  throw new UsageError(`--resolution is one of ${HISTORY_RESOLUTIONS.join(', ')}, not "${text}"`);
}

/** `24h` back from now, or a date or date-time read in the home's zone. */
function when(text: string, flag: string, timeZone: string): DateTime {
  const at = DateTime.fromISO(text, { zone: timeZone });
  if (at.isValid) return at;
  try {
    return DateTime.now().setZone(timeZone).minus(parseDuration(text, flag));
  } catch {
    throw new UsageError(
      `${flag} takes a date or date-time (2026-12-01, 2026-12-01T06:00) or a duration back ` +
        `from now (24h, 7d), not ${JSON.stringify(text)}`,
    );
  }
}

async function findDevice(
  client: TibberDataClient,
  wanted: string,
  homeId: string | undefined,
): Promise<{ home: TibberHome; device: TibberDevice }> {
  const homes = (await client.getHomes()).items.filter(
    (home) => homeId === undefined || home.homeId === homeId,
  );
  if (homeId !== undefined && homes.length === 0) {
    throw new UsageError(`No home ${homeId} in this account`);
  }
  const matches: { home: TibberHome; device: TibberDevice }[] = [];
  for (const home of homes) {
    for (const device of (await client.getDevices(home.homeId)).items) {
      const byName = device.name.toLowerCase() === wanted.toLowerCase();
      const seen = matches.some((match) => match.device.deviceId === device.deviceId);
      if ((device.deviceId === wanted || byName) && !seen) matches.push({ home, device });
    }
  }
  const [match, ...others] = matches;
  if (match === undefined) {
    throw new UsageError(`No device "${wanted}": give a device id or name that \`watch\` shows`);
  }
  if (others.length > 0) {
    const ids = matches.map((candidate) => candidate.device.deviceId).join(', ');
    throw new UsageError(`"${wanted}" names ${matches.length} devices; give one id: ${ids}`);
  }
  return match;
}
