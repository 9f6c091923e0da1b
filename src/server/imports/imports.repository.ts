// The SQL of imports: set-based look-ups by reference, id pre-allocation, and multi-row upserts. Everything
// here runs a bounded number of statements per file, never one per row.
import { sql, type Insertable } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { DialectName, Executor } from '../../db/connection.js';
import type { DB } from '../../db/types.js';
import { bulkInsert, jsonRows, MAX_PARAMETERS, ROWS_PER_DOCUMENT, type ColumnType } from '../repositories/bulk.repository.js';

// Keep IN lists under both databases' limits on bound parameters.
const IN_CHUNK = 10_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function inChunks<T, R>(items: readonly T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const unique = [...new Set(items)];
  const results: R[] = [];
  for (const chunk of chunks(unique, IN_CHUNK)) results.push(...(await query(chunk)));
  return results;
}

export const servicesByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('services').select(['id', 'ref']).where('ref', 'in', chunk).execute());

export const peopleByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('people').select(['id', 'ref', 'service_id']).where('ref', 'in', chunk).execute());

export const staffByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('staff').select(['id', 'ref', 'employment_type']).where('ref', 'in', chunk).execute());

/** Which services each of these staff members works in. */
export const staffServices = (db: Executor, staffIds: readonly number[]) =>
  inChunks(staffIds, (chunk) => db.selectFrom('staff_services').select(['staff_id', 'service_id']).where('staff_id', 'in', chunk).execute());

export const incidentsByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('incidents').select(['id', 'ref', 'service_id']).where('ref', 'in', chunk).execute());

export const concernsByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('safeguarding_concerns').select(['id', 'ref', 'service_id']).where('ref', 'in', chunk).execute());

export const complaintsByRef = (db: Executor, refs: readonly string[]) =>
  inChunks(refs, (chunk) => db.selectFrom('complaints').select(['id', 'ref', 'service_id']).where('ref', 'in', chunk).execute());

export const regionsByName = (db: Executor, names: readonly string[]) =>
  inChunks(names, (chunk) => db.selectFrom('regions').select(['id', 'name']).where('name', 'in', chunk).execute());

export const commissionersByName = (db: Executor, names: readonly string[]) =>
  inChunks(names, (chunk) => db.selectFrom('commissioners').select(['id', 'name']).where('name', 'in', chunk).execute());

/** The commissioners of each service, with names (the local authority of an imported concern). */
export const commissionersOfServices = (db: Executor, serviceIds: readonly number[]) =>
  inChunks(serviceIds, (chunk) => db.selectFrom('service_commissioners')
    .innerJoin('commissioners', 'commissioners.id', 'service_commissioners.commissioner_id')
    .select(['service_commissioners.service_id', 'commissioners.id', 'commissioners.name'])
    .where('service_commissioners.service_id', 'in', chunk).execute());

/** Days already recorded for these services between two dates (inclusive). */
export async function occupancyDays(db: Executor, serviceIds: readonly number[], from: string, to: string) {
  return inChunks(serviceIds, (chunk) => db.selectFrom('occupancy').select(['service_id', 'date'])
    .where('service_id', 'in', chunk).where('date', '>=', from).where('date', '<=', to).execute());
}

type TableWithId = 'regions' | 'commissioners' | 'services' | 'people' | 'staff' | 'incidents' | 'restrictive_interventions'
  | 'safeguarding_concerns' | 'safeguarding_decisions' | 'complaints';

/**
 * Reserve `count` new ids for a table, so that rows and their children can be inserted in bulk without reading
 * ids back. PostgreSQL takes them from the table's sequence; SQLite, which has one writer at a time and is
 * inside the import's write transaction, continues after the highest id it has ever issued.
 */
export async function allocateIds(db: Executor, dialect: DialectName, table: TableWithId, count: number): Promise<number[]> {
  if (count <= 0) return [];
  if (dialect === 'postgres') {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::integer as id from generate_series(1, ${count})`.execute(db);
    return rows.map((r) => r.id);
  }
  const { rows } = await sql<{ top: number | null }>`select max(
      coalesce((select seq from sqlite_sequence where name = ${table}), 0),
      coalesce((select max(id) from ${sql.table(table)}), 0)) as top`.execute(db);
  const top = Number(rows[0]?.top ?? 0);
  return Array.from({ length: count }, (_, i) => top + i + 1);
}

/**
 * Insert rows that carry their ids, updating the listed columns of rows whose id exists: one multi-row
 * `insert … on conflict (id) do update` per chunk, the same on both databases.
 */
export async function upsertById<T extends TableWithId>(db: Executor, table: T, rows: Insertable<DB[T]>[], updateColumns: readonly string[]): Promise<void> {
  if (!rows.length) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(rows[0] as object).length)));
  for (const chunk of chunks(rows, size)) {
    // Kysely's generic typing cannot follow a table chosen at run time.
    await db.insertInto(table).values(chunk)
      .onConflict((oc) => oc.column('id').doUpdateSet(
        Object.fromEntries(updateColumns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never,
      ))
      .execute();
  }
}

/** Insert occupancy days, replacing the figure for a service and day already recorded. */
export async function upsertOccupancyDays(db: Executor, rows: { service_id: number; date: string; occupied_days: number }[]) {
  for (const chunk of chunks(rows, Math.floor(MAX_PARAMETERS / 3))) {
    await db.insertInto('occupancy').values(chunk)
      .onConflict((oc) => oc.columns(['service_id', 'date']).doUpdateSet((eb) => ({ occupied_days: eb.ref('excluded.occupied_days') })))
      .execute();
  }
}

type ChildTable = 'service_commissioners' | 'incident_people' | 'incident_staff' | 'incident_codes' | 'restrictive_interventions'
  | 'safeguarding_concern_categories' | 'safeguarding_concern_factors' | 'complaint_themes';

/** Remove the children of the given parents (before writing the imported ones in their place). */
export async function deleteChildren(db: Executor, table: ChildTable, column: string, parentIds: readonly number[]): Promise<void> {
  for (const chunk of chunks([...new Set(parentIds)], IN_CHUNK)) {
    await db.deleteFrom(table).where(sql.ref(column), 'in', chunk).execute();
  }
}

/** Remove staff members' links to the given services (scope-limited replacement of where they work). */
export async function deleteStaffLinks(db: Executor, staffIds: readonly number[], serviceIds: 'all' | readonly number[]): Promise<void> {
  for (const chunk of chunks([...new Set(staffIds)], IN_CHUNK)) {
    let query = db.deleteFrom('staff_services').where('staff_id', 'in', chunk);
    if (serviceIds !== 'all') query = serviceIds.length ? query.where('service_id', 'in', [...serviceIds]) : query.where(sql<boolean>`1 = 0`);
    await query.execute();
  }
}

export { bulkInsert };

/**
 * SQLite: drop the indexes of these tables that a bulk load would otherwise update row by row, and return what
 * builds them again. Building an index once over many new rows (SQLite sorts them first) is several times quicker.
 * It runs inside the import's transaction, so an import that fails gets its indexes back with everything else. The
 * tables are analysed afterwards, as the dropped indexes took their statistics with them.
 * Indexes that enforce a primary key or uniqueness are kept.
 */
export function setIndexesAside(sqlite: SQLite.Database, tables: readonly string[]): () => void {
  if (!sqlite.inTransaction) throw new Error('setIndexesAside must run inside the import\'s transaction');
  // Unique indexes stay: the rows going in must still be checked against them.
  const indexes = (sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[]).filter((i) => !/^\s*create\s+unique\b/i.test(i.sql));
  for (const { name } of indexes) sqlite.prepare(`drop index "${name.replaceAll('"', '""')}"`).run();
  return () => {
    for (const { sql: create } of indexes) sqlite.prepare(create).run();
    // Dropping an index also dropped the planner's statistics for it: gather them again, from a sample.
    const limit = sqlite.pragma('analysis_limit', { simple: true }) as number;
    sqlite.pragma('analysis_limit = 1000');
    try {
      for (const table of tables) sqlite.prepare(`analyze "${table.replaceAll('"', '""')}"`).run();
    } finally {
      sqlite.pragma(`analysis_limit = ${Number(limit)}`);
    }
  };
}

/** A table written by insertRows: its name and its columns, in the order each row array lists their values. */
export interface RowsSpec<T extends keyof DB> { table: T; columns: readonly (readonly [keyof DB[T] & string, ColumnType])[] }

// Rows a multi-row statement writes on SQLite; larger batches gained nothing measurable.
const SQLITE_BATCH_ROWS = 64;

/**
 * Insert many rows, given as one flat list of values (row after row, in the order of the spec's columns), with
 * `updateColumns` updating rows whose id exists instead (`on conflict (id) do update`). Used for the large tables of
 * an incidents import. On SQLite, given the connection under `db` (which must be inside a transaction), prepared
 * multi-row statements run in process, 64 rows a run, with no query building or SQL parsing per row: each run's
 * fixed cost is shared by its rows. Otherwise one JSON document per 5,000 rows is expanded by the database itself
 * (SQLite `json_each`, PostgreSQL `jsonb_array_elements`): a multi-row statement with a single parameter.
 */
export async function insertRows<T extends keyof DB>(
  db: Executor, dialect: DialectName, spec: RowsSpec<T>, values: readonly unknown[], updateColumns: readonly string[] = [],
  sqlite?: SQLite.Database,
): Promise<void> {
  const columns = spec.columns.length;
  if (!values.length) return;
  if (dialect === 'sqlite' && sqlite) {
    // Outside a transaction these rows would commit on their own, beside whatever the caller later rolls back.
    if (!sqlite.inTransaction) throw new Error('insertRows must run inside the import\'s transaction');
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const upsert = updateColumns.length
      ? ` on conflict (id) do update set ${updateColumns.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`
      : '';
    const tuple = `(${spec.columns.map(() => '?').join(', ')})`;
    const head = `insert into ${quote(spec.table)} (${spec.columns.map(([name]) => quote(name)).join(', ')}) values `;
    const prepare = (count: number) => sqlite.prepare(`${head}${Array.from({ length: count }, () => tuple).join(', ')}${upsert}`);
    // Many rows a statement: each run binds a batch, so the per-statement cost is shared by the batch's rows.
    const size = Math.max(1, Math.min(SQLITE_BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns))) * columns;
    const whole = values.length - (values.length % size);
    if (whole) {
      const statement = prepare(size / columns);
      for (let i = 0; i < whole; i += size) statement.run(values.slice(i, i + size));
    }
    if (whole < values.length) prepare((values.length - whole) / columns).run(values.slice(whole));
    return;
  }
  const names = sql.join(spec.columns.map(([name]) => sql.id(name)));
  const types = spec.columns.map(([, type]) => type);
  const conflict = updateColumns.length
    ? sql` where true on conflict (id) do update set ${sql.join(updateColumns.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`))}`
    : sql``;
  const rows = values.length / columns;
  for (let first = 0; first < rows; first += ROWS_PER_DOCUMENT) {
    const chunk = Array.from({ length: Math.min(ROWS_PER_DOCUMENT, rows - first) }, (_, r) => values.slice((first + r) * columns, (first + r + 1) * columns));
    await sql`insert into ${sql.table(spec.table)} (${names}) ${jsonRows(dialect, chunk, types)}${conflict}`.execute(db);
  }
}
