// A file read into rows of text cells, kept as its text and the places of its cells: plain data, which another thread
// can be sent and read as the same table.
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
  /** The table as plain data, to send to another thread (tableFromData reads it there). */
  data: TableData;
}

/**
 * A file's text and where each cell of each record (the header is record 0) starts and ends in it. Cell k spans
 * [starts[k], ends[k]); a negative start, -(start + 1), marks a quoted cell whose doubled quotes ("") are still
 * doubled. Record r's cells are firstCell[r] up to firstCell[r + 1].
 */
export interface TableData {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  firstCell: Int32Array;
  errors: ImportError[];
}

/** A growable list of 32-bit integers: one typed array, rather than millions of objects for the collector to trace. */
export class IntList {
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
  /**
   * The values pushed, in an array of their own length, over shared memory: sending the table to another thread
   * then shares the places of its cells rather than copying them (tens of megabytes for a large file).
   */
  done(): Int32Array {
    const shared = new Int32Array(new SharedArrayBuffer(this.length * Int32Array.BYTES_PER_ELEMENT));
    shared.set(this.values.subarray(0, this.length));
    return shared;
  }
}

/** Read a table from its plain data (as another thread received it). */
export function tableFromData(data: TableData): Table {
  const { text, starts, ends, firstCell } = data;
  const cellAt = (k: number): string => {
    const start = starts[k]!;
    if (start >= 0) return text.slice(start, ends[k]);
    const cell = text.slice(-start - 1, ends[k]);
    return cell.includes('""') ? cell.replaceAll('""', '"') : cell;
  };
  const cellsOf = (record: number): string[] => {
    const cells: string[] = [];
    for (let k = firstCell[record]!; k < firstCell[record + 1]!; k += 1) cells.push(cellAt(k));
    return cells;
  };
  const records = firstCell.length - 1;
  const rowCount = Math.max(0, records - 1);
  // 0: not yet known, 1: blank, 2: has text.
  const blank = new Uint8Array(rowCount);
  return {
    header: records ? cellsOf(0) : [],
    rowCount,
    errors: data.errors,
    data,
    cell: (row, position) => {
      if (row < 0 || row >= rowCount) return '';
      const k = firstCell[row + 1]! + position;
      return k < firstCell[row + 2]! ? cellAt(k) : '';
    },
    cells: (row) => (row >= 0 && row < rowCount ? cellsOf(row + 1) : undefined),
    isBlank: (row) => {
      if (blank[row] === 0) {
        blank[row] = 1;
        for (let k = firstCell[row + 1]!; k < firstCell[row + 2]!; k += 1) {
          if (cellAt(k).trim() !== '') { blank[row] = 2; break; }
        }
      }
      return blank[row] === 1;
    },
  };
}
