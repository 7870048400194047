import { DateTime } from 'luxon';

import type { HistoryPoint, JsonObject, JsonValue } from '../models/index.js';
import { isIanaTimeZone } from '../models/index.js';
import { isJsonObject } from '../models/json.js';

/** A leaf of a point's `data`: anything but an object, which only groups leaves. */
type Leaf = Exclude<JsonValue, JsonObject>;

/**
 * `data` is device specific and may nest, while a CSV row is flat: dotted paths keep every
 * leaf addressable by one column. Arrays stay whole, as their length varies from point to
 * point and would otherwise make the columns unbounded.
 */
function flatten(value: JsonValue, path: string, into: Map<string, Leaf>): void {
  if (isJsonObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, path === '' ? key : `${path}.${key}`, into);
    }
    return;
  }
  // Two keys can spell one path (`{"a.b": 1}` and `{a: {b: 2}}`): the first one wins.
  if (!into.has(path)) into.set(path, value);
}

function leavesOf(point: HistoryPoint): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  for (const [key, value] of Object.entries(point.data)) flatten(value, key, leaves);
  return leaves;
}

/**
 * Devices add fields over time, so the columns are the union over all points; first-seen
 * order keeps the device's own field order and puts late fields at the end.
 */
export function historyColumns(points: readonly HistoryPoint[]): string[] {
  return columnsOf(points.map(leavesOf));
}

function columnsOf(flatPoints: readonly Map<string, Leaf>[]): string[] {
  const columns = new Set<string>();
  for (const leaves of flatPoints) {
    for (const path of leaves.keys()) columns.add(path);
  }
  return [...columns];
}

/**
 * A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"),
 * so device-supplied text could run there. Numbers are exempt: `-3.5` must stay a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function defuse(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: only these force quoting, and a quote inside is written twice. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function textCell(text: string): string {
  return quote(defuse(text));
}

/** CRLF-terminated, the last record too, as RFC 4180 asks. */
function record(escapedCells: readonly string[]): string {
  return `${escapedCells.join(',')}\r\n`;
}

/**
 * One CSV record of text cells. Headers come from device-supplied keys, so they are defused
 * like any other text a spreadsheet could run.
 */
export function csvRow(cells: readonly string[]): string {
  return record(cells.map(textCell));
}

function leafCell(value: Leaf | undefined): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return textCell(value);
  // Never defused, which would turn a negative reading into text; it needs no quoting either.
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // JSON text starts with `[`, so an array can never read as a formula.
  return quote(JSON.stringify(value));
}

/** Points are UTC; a reader of the export usually wants the home's wall-clock time. */
function pointTime(time: string, timeZone: string | undefined): string {
  if (timeZone === undefined) return time;
  const local = DateTime.fromISO(time, { zone: 'utc' }).setZone(timeZone);
  const text = local.toISO({ suppressMilliseconds: true });
  // Mapped points always carry a valid time, so a bad one is a caller's bug, not data.
  if (text === null) throw new RangeError(`history point time ${JSON.stringify(time)} is invalid`);
  return text;
}

/**
 * The `history` command's CSV export: a `time` column, then one column per leaf of `data`.
 * A missing leaf and a `null` one are both an empty cell: CSV has no way to tell them apart.
 */
export function historyCsv(
  points: readonly HistoryPoint[],
  options: { readonly timeZone?: string } = {},
): string {
  const { timeZone } = options;
  // Checked up front so a bad zone fails even for an empty page, as it would for a full one.
  if (timeZone !== undefined && !isIanaTimeZone(timeZone)) {
    throw new TypeError('timeZone must be an IANA time zone such as "Europe/Oslo"');
  }

  // Flattened once: both the columns and the rows read it.
  const rows = points.map((point) => ({ time: point.time, leaves: leavesOf(point) }));
  const columns = columnsOf(rows.map((row) => row.leaves));
  let csv = csvRow(['time', ...columns]);
  for (const { time, leaves } of rows) {
    const cells = columns.map((column) => leafCell(leaves.get(column)));
    csv += record([textCell(pointTime(time, timeZone)), ...cells]);
  }
  return csv;
}
