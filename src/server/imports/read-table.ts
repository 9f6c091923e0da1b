// Read an uploaded CSV or XLSX file into a header row and data rows of text cells, in one pass.
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import type { CellSource, ImportError } from '../../domain/imports.js';

/**
 * A file as rows of text cells. Data row i is file row i + 2 (the header is row 1); blank rows keep their
 * place, so that row numbers stay those a spreadsheet shows.
 */
export interface Table extends CellSource {
  header: string[];
  /** How many data rows there are, blank ones included. */
  rowCount: number;
  isBlank(row: number): boolean;
  /** Rows the reader could not make sense of (for example an unclosed quote). */
  errors: ImportError[];
}

const isZip = (buffer: Buffer) => buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;

/** Read CSV (UTF-8 with or without a byte-order mark, or Windows-1252) or the first sheet of an XLSX workbook. */
export async function readTable(buffer: Buffer, filename: string): Promise<Table> {
  if (isZip(buffer)) return readXlsx(buffer);
  if (/\.(xls|xlsx|ods)$/i.test(filename)) throw new AppError('unsupported_media_type', 'Send a CSV file or an Excel workbook saved as .xlsx.');
  return readCsv(decode(buffer));
}

function decode(buffer: Buffer): string {
  try {
    // The default decoder drops a UTF-8 byte-order mark.
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Older Excel versions save CSV as Windows-1252.
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/** A growable list of 32-bit integers: one typed array, rather than millions of objects for the collector to trace. */
class IntList {
  values = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/**
 * Parse CSV text (RFC 4180): quoted cells may hold commas, quotes ("") and line breaks; CRLF, LF and CR all end a
 * row. The table keeps the text and where each cell starts and ends, and makes a cell's string only when it is
 * read: a file of 100,000 rows would otherwise be millions of strings kept alive for the whole import, each copied
 * by the garbage collector on its way to the old generation.
 */
export function readCsv(text: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Cell k spans [starts[k], ends[k]); a negative start marks a quoted cell (its quotes excluded, "" still doubled).
  const starts = new IntList();
  const ends = new IntList();
  // Record r's cells are firstCell[r] up to firstCell[r + 1].
  const firstCell = new IntList();
  const errors: ImportError[] = [];
  const length = body.length;
  let at = 0;
  while (at < length) {
    const record = firstCell.length;
    firstCell.push(starts.length);
    let hasError = false;
    // One cell per turn, until the end of the line or of the text.
    for (;;) {
      if (body.charCodeAt(at) === QUOTE) {
        let close = at + 1;
        for (;;) {
          close = body.indexOf('"', close);
          if (close === -1 || body.charCodeAt(close + 1) !== QUOTE) break;
          close += 2;
        }
        if (close === -1) {
          // Never closed: the rest of the file is this cell.
          starts.push(-(at + 1) - 1);
          ends.push(length);
          if (!hasError) errors.push({ row: record + 1, column: '', message: 'This row could not be read: a quoted cell is never closed' });
          at = length;
          break;
        }
        starts.push(-(at + 1) - 1);
        ends.push(close);
        at = close + 1;
        const next = body.charCodeAt(at);
        if (at < length && next !== COMMA && next !== CR && next !== LF) {
          if (!hasError) errors.push({ row: record + 1, column: '', message: 'This row could not be read: there is text after a closing quote' });
          hasError = true;
          // Skip the stray text as part of this cell.
          while (at < length) {
            const c = body.charCodeAt(at);
            if (c === COMMA || c === CR || c === LF) break;
            at += 1;
          }
        }
      } else {
        const from = at;
        while (at < length) {
          const c = body.charCodeAt(at);
          if (c === COMMA || c === CR || c === LF) break;
          at += 1;
        }
        starts.push(from);
        ends.push(at);
      }
      if (at < length && body.charCodeAt(at) === COMMA) {
        at += 1;
        // A comma at the very end still leaves an empty last cell.
        if (at === length) { starts.push(at); ends.push(at); }
        continue;
      }
      break;
    }
    // The line break (CRLF, LF or CR) that ends the record.
    if (body.charCodeAt(at) === CR) at += 1;
    if (body.charCodeAt(at) === LF) at += 1;
  }
  firstCell.push(starts.length);

  const cellAt = (k: number): string => {
    const start = starts.values[k]!;
    if (start >= 0) return body.slice(start, ends.values[k]);
    const cell = body.slice(-start - 1, ends.values[k]);
    return cell.includes('""') ? cell.replaceAll('""', '"') : cell;
  };
  const cellsOf = (record: number): string[] => {
    const cells: string[] = [];
    for (let k = firstCell.values[record]!; k < firstCell.values[record + 1]!; k += 1) cells.push(cellAt(k));
    return cells;
  };
  const records = firstCell.length - 1;
  // 0: not yet known, 1: blank, 2: has text.
  const blank = new Uint8Array(Math.max(0, records - 1));
  return {
    header: records ? cellsOf(0) : [],
    rowCount: Math.max(0, records - 1),
    errors,
    cell: (row, position) => {
      if (row < 0 || row >= records - 1) return '';
      const k = firstCell.values[row + 1]! + position;
      return k < firstCell.values[row + 2]! ? cellAt(k) : '';
    },
    cells: (row) => (row >= 0 && row < records - 1 ? cellsOf(row + 1) : undefined),
    isBlank: (row) => {
      if (blank[row] === 0) {
        blank[row] = 1;
        for (let k = firstCell.values[row + 1]!; k < firstCell.values[row + 2]!; k += 1) {
          if (cellAt(k).trim() !== '') { blank[row] = 2; break; }
        }
      }
      return blank[row] === 1;
    },
  };
}

/** A table over rows already read into cells (a workbook). */
function tableOf(records: (string[] | undefined)[]): Table {
  const rows = records.slice(1);
  return {
    header: records[0] ?? [],
    rowCount: rows.length,
    errors: [],
    cell: (row, position) => rows[row]?.[position] ?? '',
    cells: (row) => rows[row],
    isBlank: (row) => !rows[row]?.some((cell) => cell.trim() !== ''),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Spreadsheet dates carry the wall-clock time in their UTC fields; a whole day becomes a date alone. */
function wallClockText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day}T${pad(h)}:${pad(m)}:${pad(s)}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Y' : 'N';
  if (value instanceof Date) return wallClockText(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result == null || (typeof result === 'object' && 'error' in result) ? '' : cellText(result);
  }
  if ('error' in value) return '';
  return '';
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('unsupported_media_type', 'This file could not be read as an Excel workbook (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  const records: (string[] | undefined)[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i]));
    records[rowNumber - 1] = cells;
  });
  return tableOf(Array.from(records));
}
