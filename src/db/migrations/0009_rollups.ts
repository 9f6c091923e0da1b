import type { Kysely } from 'kysely';

/**
 * Monthly rollups that dashboards read instead of scanning events: one row per scope, metric and month,
 * maintained in the same transaction as each event and rebuilt on demand (`lantern rebuild`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('monthly_counts')
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('monthly_counts_pk', ['scope_type', 'scope_id', 'metric', 'period'])
    .execute();

  // Who was restrained where in a month, so "people restrained" counts each person once.
  await db.schema.createTable('restrained_months')
    .addColumn('service_id', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('restrained_months_pk', ['service_id', 'person_id', 'period'])
    .execute();
}
