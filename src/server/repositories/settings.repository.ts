import type { Executor } from '../../db/connection.js';
import { nowIso } from '../../db/connection.js';

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as unknown) : undefined;
}

export async function writeSetting(db: Executor, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json, updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: nowIso() }))
    .execute();
}
