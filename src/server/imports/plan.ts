// What every kind of import shares: the planner contract (validate everything, then write on request) and the
// resolution of service references within the caller's scope.
import type { Transaction } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { DialectName } from '../../db/connection.js';
import type { DB } from '../../db/types.js';
import { inScopeMessage, isReference, OUTSIDE_SCOPE, RowReader, type ColumnIndex, type ImportError } from '../../domain/imports.js';
import type { AnyActor } from '../policies/actor.js';
import { isInScope } from '../policies/access.js';
import type { Table } from './table.js';
import { servicesByRef } from './imports.repository.js';

export interface PlanInput {
  trx: Transaction<DB>;
  dialect: DialectName;
  /** SQLite: the connection under `trx`, for bulk inserts through one prepared statement. */
  sqlite?: SQLite.Database | undefined;
  actor: AnyActor;
  table: Table;
  index: ColumnIndex;
  /** Where planners record problems; a plan with any error is never written (its transaction is rolled back). */
  errors: ImportError[];
  now: Date;
  /** Nothing will be written: a planner that writes as it checks (incidents) writes nothing. */
  isDryRun: boolean;
}

/**
 * The outcome of validating a file: what it would create and update, and how to write it (or finish writing it: the
 * incidents planner writes complete incidents as it goes, inside the same transaction).
 */
export interface ImportPlan {
  created: number;
  updated: number;
  write(): Promise<void>;
}

export type Planner = (input: PlanInput) => Promise<ImportPlan>;

/** Visit each non-blank data row with a reader positioned on it, and its index among the table's data rows. */
export function eachRow(input: PlanInput, visit: (r: RowReader, dataRow: number) => void): void {
  const { table } = input;
  const reader = new RowReader(input.index, input.errors, table);
  for (let i = 0; i < table.rowCount; i += 1) {
    if (!table.isBlank(i)) visit(reader.at(i), i);
  }
}

/** Collect a column's references across the file (for one look-up query). */
export function collectRefs(input: PlanInput, column: string, isList = false): string[] {
  const position = input.index.get(column);
  if (position === undefined) return [];
  const { table } = input;
  const refs = new Set<string>();
  // List cells already split (files repeat the same few lists of staff on many rows).
  const lists = new Set<string>();
  let previous = '';
  for (let i = 0; i < table.rowCount; i += 1) {
    const text = table.cell(i, position).trim();
    // Neighbouring rows often repeat a cell (the rows of one incident); blank rows have no references.
    if (!text || text === previous) continue;
    previous = text;
    if (isList && text.includes(';')) {
      if (lists.has(text)) continue;
      lists.add(text);
      for (const part of text.split(';')) { const ref = part.trim(); if (ref) refs.add(ref); }
    } else refs.add(text);
  }
  // One that is not a reference is the row's error already, and must not reach the database (PostgreSQL refuses a NUL).
  return [...refs].filter(isReference);
}

/** Service references resolved once per file, answering only for services inside the caller's scope. */
export class ServiceRefs {
  private constructor(private readonly ids: Map<string, number>, private readonly actor: AnyActor) {}

  static async load(input: PlanInput, refs: readonly string[]): Promise<ServiceRefs> {
    const rows = refs.length ? await servicesByRef(input.trx, refs) : [];
    return new ServiceRefs(new Map(rows.map((s) => [s.ref!, s.id])), input.actor);
  }

  /** The service's id, or null (with an error on the row) when it does not exist or is outside scope. */
  resolve(r: RowReader, column: string, ref: string): number | null {
    // A blank or malformed reference is the row's error already.
    if (!ref || !isReference(ref)) return null;
    const id = this.ids.get(ref);
    if (id === undefined || !isInScope(this.actor, id)) {
      r.error(column, `${OUTSIDE_SCOPE}: ${ref}`);
      return null;
    }
    return id;
  }
}

/** Refuse a reference used twice in one file, naming the row that used it first. */
export class SeenRefs {
  private readonly rows = new Map<string, number>();
  check(r: RowReader, column: string, ref: string): boolean {
    if (!ref) return false;
    const first = this.rows.get(ref);
    if (first !== undefined) {
      r.error(column, `This reference is already used on row ${first}`);
      return false;
    }
    this.rows.set(ref, r.row);
    return true;
  }
}

/** A change to an existing record outside the caller's services is refused the same way as an unknown service. */
export function checkExistingInScope(r: RowReader, column: string, actor: AnyActor, existingServiceId: number | undefined, what: string): void {
  if (existingServiceId !== undefined && !isInScope(actor, existingServiceId)) {
    r.error(column, inScopeMessage(what));
  }
}
