import type { Kysely } from 'kysely';

/**
 * People restrained count distinct people in a region, the organisation and a person's own series (not one per
 * service): months of restraint are looked up by person and month whenever one is added or removed. The counts kept
 * by the earlier rule are rebuilt once the schema is up to date (ROLLUP_RULES_VERSION).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('restrained_months_person_idx').on('restrained_months').columns(['person_id', 'period']).execute();
}
