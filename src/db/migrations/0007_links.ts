import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

// Links between records of different sources (an incident raised a safeguarding concern; a complaint relates to an
// incident). A link names its ends by source and id, so no foreign key can hold it: the service checks both ends
// exist and are in the caller's scope before writing. Both directions are indexed, as timelines show links either way.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('record_links'), dialect)
    .addColumn('from_source', 'text', (c) => c.notNull())
    .addColumn('from_id', 'integer', (c) => c.notNull())
    .addColumn('to_source', 'text', (c) => c.notNull())
    .addColumn('to_id', 'integer', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('record_links_pair_unique', ['from_source', 'from_id', 'to_source', 'to_id'])
    .execute();
  await db.schema.createIndex('record_links_to_idx').on('record_links').columns(['to_source', 'to_id']).execute();

  // A person's timeline walks incidents newest first and stops at a page: with (occurred_at, id) PostgreSQL reads
  // about a page's worth of incidents for a busy person instead of sorting all of them (measured: 23–86 ms → <1 ms
  // for 4,000 of 24,000 incidents). Safeguarding concerns and complaints already have (person_id, time) indexes.
  await db.schema.createIndex('incidents_time_idx').on('incidents').columns(['occurred_at', 'id']).execute();
}
