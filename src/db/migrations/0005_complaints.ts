import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/** Complaints, feedback and compliments; and a small settings store for provider-configurable rules. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('complaints'), dialect)
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('raised_by', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('response_summary', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_service_time_idx').on('complaints').columns(['service_id', 'received_at']).execute();
  await db.schema.createIndex('complaints_person_idx').on('complaints').columns(['person_id', 'received_at']).execute();

  await db.schema.createTable('complaint_themes')
    .addColumn('complaint_id', 'integer', (c) => c.notNull().references('complaints.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('complaint_themes_pk', ['complaint_id', 'theme'])
    .execute();
  await db.schema.createIndex('complaint_themes_theme_idx').on('complaint_themes').column('theme').execute();

  await db.schema.createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
