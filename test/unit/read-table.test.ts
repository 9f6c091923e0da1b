import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/server/imports/read-table.js';
import type { Table } from '../../src/server/imports/table.js';

/** Every data row as its cells (up to the widest row), or null when blank. */
const rowsOf = (table: Table, width = table.header.length) =>
  Array.from({ length: table.rowCount }, (_, row) => (table.isBlank(row) ? null : Array.from({ length: width }, (_, p) => table.cell(row, p))));

describe('reading CSV', () => {
  it('reads a header and rows ended by CRLF, LF or CR, with or without a final line break', () => {
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4', 'a,b\r1,2\r3,4\r']) {
      const table = readCsv(text);
      expect(table.header).toEqual(['a', 'b']);
      expect(rowsOf(table)).toEqual([['1', '2'], ['3', '4']]);
      expect(table.errors).toEqual([]);
    }
  });

  it('drops a byte-order mark and keeps empty cells, short rows and blank rows in their places', () => {
    const table = readCsv('\ufeffa,b,c\n1,,3\n\n , \n4\n,5,\n');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(rowsOf(table)).toEqual([['1', '', '3'], null, null, ['4', '', ''], ['', '5', '']]);
  });

  it('reads quoted cells holding commas, doubled quotes and line breaks as one row', () => {
    const table = readCsv('ref,narrative,n\r\nA,"Calm, then ""loud""\r\nafter tea",1\r\nB,"",2\r\nC,"""",3\r\n');
    expect(rowsOf(table)).toEqual([['A', 'Calm, then "loud"\r\nafter tea', '1'], ['B', '', '2'], ['C', '"', '3']]);
    expect(table.errors).toEqual([]);
  });

  it('reports a quoted cell that is never closed on the row it starts', () => {
    const table = readCsv('a,b\n1,2\n3,"4\n5,6\n');
    expect(table.errors).toEqual([{ row: 3, column: '', message: expect.stringMatching(/could not be read/) }]);
    expect(table.rowCount).toBe(2);
  });

  it('reports text after a closing quote on its row', () => {
    const table = readCsv('a,b\n"1"x,2\n3,4\n');
    expect(table.errors).toEqual([{ row: 2, column: '', message: expect.stringMatching(/could not be read/) }]);
  });

  it('reads an empty file as no header and no rows', () => {
    expect(readCsv('')).toMatchObject({ header: [], rowCount: 0, errors: [] });
    expect(readCsv('\ufeff')).toMatchObject({ header: [], rowCount: 0, errors: [] });
  });

  it('reads a trailing comma as an empty last cell, and quotes inside an unquoted cell as text', () => {
    const table = readCsv('a,b,c\n1,2,\nsay "hi",x,"y"\n');
    expect(rowsOf(table)).toEqual([['1', '2', ''], ['say "hi"', 'x', 'y']]);
    expect(table.errors).toEqual([]);
  });

  it('numbers rows by record, so a row after a multi-line cell keeps the number a spreadsheet shows', () => {
    const table = readCsv('a,b\n"1\n2",x\n"3"y,4\n');
    expect(table.rowCount).toBe(2);
    expect(table.cell(0, 0)).toBe('1\n2');
    expect(table.errors).toEqual([{ row: 3, column: '', message: expect.stringMatching(/could not be read/) }]);
  });

  it('reads every well-formed file as papaparse does (random files of awkward cells)', () => {
    const pieces = ['', ' ', 'a', 'Calm', ',', '"', '""', '\n', '\r\n', '\r', 'é', '😀', ' x '];
    let seed = 7;
    const random = (n: number) => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed % n; };
    const quote = (cell: string) => (/[",\r\n]/.test(cell) || random(4) === 0 ? `"${cell.replaceAll('"', '""')}"` : cell);
    for (let file = 0; file < 300; file += 1) {
      const rows = Array.from({ length: 1 + random(6) }, () => Array.from({ length: 1 + random(4) }, () => Array.from({ length: random(4) }, () => pieces[random(pieces.length)]).join('')));
      const ending = ['\n', '\r\n', '\r'][random(3)]!;
      const text = rows.map((row) => row.map(quote).join(',')).join(ending) + (random(2) ? ending : '');
      const expected = Papa.parse<string[]>(text, { delimiter: ',', newline: ending as '\n', skipEmptyLines: false }).data;
      // papaparse reads a final line break as one more, empty, row.
      if (text.endsWith(ending)) expected.pop();
      const table = readCsv(text);
      expect(table.errors).toEqual([]);
      expect([table.header, ...Array.from({ length: table.rowCount }, (_, r) => [...table.cells(r)!])]).toEqual(expected);
    }
  });
});
