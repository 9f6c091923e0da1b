import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * A provider's own reference on safeguarding concerns, so that re-importing a file updates the concerns it
 * created rather than duplicating them (services, people, staff, incidents and complaints already have one).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('safeguarding_concerns').addColumn('ref', 'text').execute();
  await db.schema.createIndex('safeguarding_concerns_ref_idx').on('safeguarding_concerns').column('ref').unique().execute();
}
