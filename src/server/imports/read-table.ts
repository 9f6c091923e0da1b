// Read an uploaded CSV or XLSX file into a header row and data rows of text cells, in one pass.
import { isUtf8 } from 'node:buffer';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.js';
import type { ImportError } from '../../domain/imports.js';
import { IntList, tableFromData, type Table } from './table.js';

const isZip = (buffer: Buffer) => buffer.length > 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04;

/** Read CSV (UTF-8 with or without a byte-order mark, or Windows-1252) or the first sheet of an XLSX workbook. */
export async function readTable(buffer: Buffer, filename: string): Promise<Table> {
  if (isZip(buffer)) return readXlsx(buffer);
  if (/\.(xls|xlsx|ods)$/i.test(filename)) throw new AppError('unsupported_media_type', 'Send a CSV file or an Excel workbook saved as .xlsx.');
  return readCsv(decode(buffer));
}

function decode(buffer: Buffer): string {
  // Older Excel versions save CSV as Windows-1252, which is seldom valid UTF-8. (A UTF-8 byte-order mark is dropped by readCsv.)
  return isUtf8(buffer) ? buffer.toString('utf8') : new TextDecoder('windows-1252').decode(buffer);
}

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * Parse CSV text (RFC 4180): quoted cells may hold commas, quotes ("") and line breaks; CRLF, LF and CR all end a
 * row. The table keeps the text and where each cell starts and ends, and makes a cell's string only when it is
 * read: a file of 100,000 rows would otherwise be millions of strings kept alive for the whole import, each copied
 * by the garbage collector on its way to the old generation.
 */
export function readCsv(text: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = new IntList();
  const ends = new IntList();
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
  return tableFromData({ text: body, starts: starts.done(), ends: ends.done(), firstCell: firstCell.done(), errors });
}

/** A table over rows already read into cells (a workbook): their text joined, so that it is the same plain data. */
function tableOf(records: (string[] | undefined)[]): Table {
  const starts = new IntList();
  const ends = new IntList();
  const firstCell = new IntList();
  const parts: string[] = [];
  let length = 0;
  for (const cells of records) {
    firstCell.push(starts.length);
    for (const cell of cells ?? []) {
      starts.push(length);
      length += cell.length;
      ends.push(length);
      parts.push(cell);
    }
  }
  firstCell.push(starts.length);
  return tableFromData({ text: parts.join(''), starts: starts.done(), ends: ends.done(), firstCell: firstCell.done(), errors: [] });
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
