// Read an uploaded CSV or XLSX file into a header row and data rows of text cells, in one pass.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
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

/** Parse CSV text: quoted cells may hold commas, quotes ("") and line breaks; CRLF, LF and CR all end a row. */
export function readCsv(text: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', skipEmptyLines: false });
  const records: (string[] | undefined)[] = parsed.data;
  // A final line break leaves one empty record behind.
  const final = records[records.length - 1];
  if (final?.length === 1 && final[0] === '') records.pop();
  const table = tableOf(records);
  // One error a row: a stray quote also leaves the cell unterminated, which the parser reports again.
  const rows = new Set<number>();
  table.errors = parsed.errors
    .filter((e) => e.type === 'Quotes' && !rows.has(e.row ?? 0) && rows.add(e.row ?? 0))
    .map((e) => ({ row: (e.row ?? 0) + 1, column: '', message: `This row could not be read: ${e.message}` }));
  return table;
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
