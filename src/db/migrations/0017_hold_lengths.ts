import type { Kysely } from 'kysely';

/**
 * How many restraint, seclusion and segregation episodes of each length (whole minutes) started in a month, per scope:
 * the median length of a hold in a month is read from these, as dashboards never scan the episodes themselves. Kept
 * in the same transaction as each incident, and filled for the months before by the rebuild that a change of the
 * rules behind the measures brings (ROLLUP_RULES_VERSION).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('hold_lengths')
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('episodes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('hold_lengths_pk', ['scope_type', 'scope_id', 'period', 'minutes'])
    .execute();
}
