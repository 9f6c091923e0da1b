import { Readable } from 'node:stream';
import { londonDateTimeText } from '../../domain/working-days.js';

/** A value a CSV cell can hold; null and undefined become an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

// Spreadsheets run a cell starting with one of these as a formula (OWASP "CSV injection"); tab and carriage
// return are included because some spreadsheets strip them and then see the formula behind.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralise text a spreadsheet would run as a formula by prefixing a single quote (OWASP's advice). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

// An instant as the database keeps it (ISO 8601 in UTC).
const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * One cell as RFC 4180 writes it: quoted when it holds a comma, quote or line break, with quotes doubled. An instant
 * is written as England's clocks showed it ("2026-07-01 14:05"), as on screen, not in UTC.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && STORED_INSTANT.test(value)) return londonDateTimeText(value);
  // Numbers and booleans are data we produced, never formulas; only text is neutralised.
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, ended by CRLF as RFC 4180 requires. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Marks the text as UTF-8 for spreadsheets, which otherwise garble "–" and "’" (the byte-order mark). */
const BYTE_ORDER_MARK = '\uFEFF';

/** A whole CSV document: the header row, then a row per record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = BYTE_ORDER_MARK + csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
}

/** Stream a CSV document page by page, so a long export never sits whole in memory. */
export function csvStream(header: readonly string[], pages: AsyncIterable<readonly (readonly CsvValue[])[]>): Readable {
  async function* lines() {
    yield BYTE_ORDER_MARK + csvRow(header);
    for await (const page of pages) {
      if (page.length) yield page.map(csvRow).join('');
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

/** A `Content-Disposition` value naming a download; the name is reduced to safe characters. */
export function attachment(filename: string): string {
  return `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
