import { sql, type Insertable, type RawBuilder } from 'kysely';
import type { DialectName, Executor } from '../../db/connection.js';
import type { DB } from '../../db/types.js';

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535: stay under both.
export const MAX_PARAMETERS = 30_000;

/** Rows a JSON document carries to the database at once (see jsonRows). */
export const ROWS_PER_DOCUMENT = 5_000;

export type ColumnType = 'integer' | 'text' | 'real';
const pgType: Record<ColumnType, string> = { integer: 'integer', text: 'text', real: 'double precision' };

/**
 * `select` of rows sent as one JSON document (an array of arrays, a column's values in the order of `columns`),
 * expanded by the database itself (SQLite json_each, PostgreSQL jsonb_array_elements): a multi-row source with a
 * single parameter, whose text is the same whatever the number of rows, and which Kysely need not build value by
 * value. Add `where true` before an `on conflict` clause (SQLite's parser needs it after a select).
 */
export function jsonRows(dialect: DialectName, rows: readonly (readonly unknown[])[], columns: readonly ColumnType[]): RawBuilder<unknown> {
  const json = JSON.stringify(rows);
  if (dialect === 'postgres') {
    const values = sql.join(columns.map((type, i) => sql`(r ->> ${sql.lit(i)})::${sql.raw(pgType[type])}`));
    return sql`select ${values} from jsonb_array_elements(cast(${json} as jsonb)) as r`;
  }
  return sql`select ${sql.join(columns.map((_, i) => sql`value ->> ${sql.lit(i)}`))} from json_each(${json})`;
}

/** Insert many rows in multi-row statements sized to the parameter limit. */
export async function bulkInsert<T extends keyof DB>(db: Executor, table: T, rows: Insertable<DB[T]>[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0] as object).length || 1;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // Kysely's generic insert typing cannot follow a table name chosen at run time.
    await db.insertInto(table).values(rows.slice(i, i + chunk)).execute();
  }
}

/** Insert rows and return their new ids, in order. */
export async function bulkInsertReturningIds<T extends 'services' | 'people' | 'staff' | 'regions' | 'commissioners' | 'users'>(
  db: Executor, table: T, rows: Insertable<DB[T]>[],
): Promise<number[]> {
  const ids: number[] = [];
  if (!rows.length) return ids;
  const columns = Object.keys(rows[0] as object).length || 1;
  const chunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    const inserted = await db.insertInto(table).values(rows.slice(i, i + chunk) as never).returning('id' as never).execute();
    for (const row of inserted as unknown as { id: number }[]) ids.push(row.id);
  }
  return ids;
}
