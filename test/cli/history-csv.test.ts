import { describe, expect, it } from 'vitest';

import { csvRow, historyColumns, historyCsv } from '../../src/cli/history-csv.js';
import type { HistoryPoint } from '../../src/models/index.js';

const T1 = '2026-06-01T10:00:00.000Z';
const T2 = '2026-06-01T11:00:00.000Z';

describe('historyColumns', () => {
  it('flattens nested keys with dots, in first-seen order across points', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { power: 1, energy: { imported: 1.2, exported: 0 } } },
      { time: T2, data: { energy: { imported: 1.5, peak: { kw: 3 } }, soc: 80, power: 2 } },
    ];

    expect(historyColumns(points)).toEqual([
      'power',
      'energy.imported',
      'energy.exported',
      'energy.peak.kw',
      'soc',
    ]);
  });

  it('keeps arrays and null as leaves', () => {
    expect(historyColumns([{ time: T1, data: { phases: [1, 2], tariff: null } }])).toEqual([
      'phases',
      'tariff',
    ]);
  });
});

describe('csvRow', () => {
  it('joins quoted, defused cells and ends with CRLF', () => {
    expect(csvRow(['a', 'b,c', '=x'])).toBe('a,"b,c",\'=x\r\n');
  });
});

describe('historyCsv', () => {
  it('writes flat data under a time header', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { power: 1200, charging: true, mode: 'eco' } },
      { time: T2, data: { power: 0.5, charging: false, mode: 'boost' } },
    ];

    expect(historyCsv(points)).toBe(
      'time,power,charging,mode\r\n' +
        '2026-06-01T10:00:00.000Z,1200,true,eco\r\n' +
        '2026-06-01T11:00:00.000Z,0.5,false,boost\r\n',
    );
  });

  it('flattens nested data and appends a key first seen in a later point', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { energy: { imported: 1.2, exported: 0.1 } } },
      { time: T2, data: { energy: { imported: 1.5, exported: 0 }, soc: 80 } },
    ];

    expect(historyCsv(points)).toBe(
      'time,energy.imported,energy.exported,soc\r\n' +
        '2026-06-01T10:00:00.000Z,1.2,0.1,\r\n' +
        '2026-06-01T11:00:00.000Z,1.5,0,80\r\n',
    );
  });

  it('writes null and a missing key as an empty cell', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { a: 1, b: null, c: 3 } },
      { time: T2, data: { c: 4 } },
    ];

    expect(historyCsv(points)).toBe(
      'time,a,b,c\r\n' + '2026-06-01T10:00:00.000Z,1,,3\r\n' + '2026-06-01T11:00:00.000Z,,,4\r\n',
    );
  });

  it('quotes a comma, a doubled quote, and a newline', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { note: 'a,b', says: 'say "hi"', text: 'one\ntwo', crlf: 'x\r\ny' } },
    ];

    expect(historyCsv(points)).toBe(
      'time,note,says,text,crlf\r\n' +
        '2026-06-01T10:00:00.000Z,"a,b","say ""hi""","one\ntwo","x\r\ny"\r\n',
    );
  });

  it('defuses formula-like strings but leaves a negative number alone', () => {
    const points: HistoryPoint[] = [
      {
        time: T1,
        data: { sum: '=SUM(A1)', plus: '+1', minus: '-x', at: '@cmd', tab: '\tx', power: -3.5 },
      },
    ];

    expect(historyCsv(points)).toBe(
      'time,sum,plus,minus,at,tab,power\r\n' +
        "2026-06-01T10:00:00.000Z,'=SUM(A1),'+1,'-x,'@cmd,'\tx,-3.5\r\n",
    );
  });

  it('defuses before quoting, so the quote wraps the prefix too', () => {
    const points: HistoryPoint[] = [{ time: T1, data: { f: '=A1,B1', cr: '\rx' } }];

    expect(historyCsv(points)).toBe(
      'time,f,cr\r\n' + '2026-06-01T10:00:00.000Z,"\'=A1,B1","\'\rx"\r\n',
    );
  });

  it('quotes and defuses header cells like data cells', () => {
    const points: HistoryPoint[] = [{ time: T1, data: { 'a,b': 1, '=cmd': 2, '-x': { y: 3 } } }];

    expect(historyCsv(points)).toBe(
      'time,"a,b",\'=cmd,\'-x.y\r\n' + '2026-06-01T10:00:00.000Z,1,2,3\r\n',
    );
  });

  it('writes arrays as JSON text, quoted for their commas', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { phases: [230, 231.5, 229], tags: ['a', 'b"c'], empty: [] } },
    ];

    expect(historyCsv(points)).toBe(
      'time,phases,tags,empty\r\n' +
        '2026-06-01T10:00:00.000Z,"[230,231.5,229]","[""a"",""b\\""c""]",[]\r\n',
    );
  });

  it('converts time to the given zone', () => {
    const points: HistoryPoint[] = [
      { time: T1, data: { power: 1 } },
      { time: '2026-01-15T23:30:00.000Z', data: { power: 2 } },
    ];

    expect(historyCsv(points, { timeZone: 'Europe/Oslo' })).toBe(
      'time,power\r\n' +
        '2026-06-01T12:00:00+02:00,1\r\n' +
        '2026-01-16T00:30:00+01:00,2\r\n',
    );
  });

  it('writes just the time header when there are no points', () => {
    expect(historyCsv([])).toBe('time\r\n');
    expect(historyCsv([], { timeZone: 'Europe/Oslo' })).toBe('time\r\n');
  });

  it('rejects a time zone that is not an IANA zone', () => {
    expect(() => historyCsv([], { timeZone: 'Mars/Olympus' })).toThrow(TypeError);
  });
});
