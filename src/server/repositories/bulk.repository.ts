import type { Insertable } from 'kysely';
import type { Executor } from '../../db/connection.js';
import type { DB } from '../../db/types.js';

// SQLite allows 32,766 bound parameters per statement and PostgreSQL 65,535: stay under both.
const MAX_PARAMETERS = 30_000;

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
