import type { TibberDevice } from '../models/index.js';

/** `Family car (ev, Volkswagen ID.4)`. */
export function describeDevice(device: TibberDevice): string {
  const make = [device.manufacturer, device.model].filter((part) => part !== undefined);
  return `${device.name} (${device.deviceType}, ${make.join(' ')})`;
}

/** Columns padded to the widest cell, two spaces apart. */
export function alignColumns(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, index) =>
      index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0),
    );
    return `${indent}${cells.join('  ')}`;
  });
}
