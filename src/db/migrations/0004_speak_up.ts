import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/**
 * Speak-up (whistleblowing) reports, their two-way thread, and the guardian's themes and categories.
 *
 * Anonymity is a property of the schema, not only of the code that writes it: a report carries a calendar date and
 * nothing finer, and the only link to a person is `reporter_user_id`, left empty for anonymous reports. Report ids
 * are random rather than auto-numbered (hence no `withId`): a running number would place an anonymous report between
 * two audited named ones and so narrow down when, and by whom, it was raised. Messages are numbered within their
 * report only, for the same reason.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('speak_up_concerns')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('raised_elsewhere', 'integer')
    .addColumn('would_like_to_happen', 'text')
    .addColumn('outcome', 'text')
    // Named and confidential reports only; never set for anonymous ones.
    .addColumn('reporter_user_id', 'integer', (c) => c.references('users.id'))
    // Anonymous reports only: SHA-256 of the canonical receipt key.
    .addColumn('receipt_key_hash', 'text', (c) => c.unique())
    .addColumn('received_on', 'text', (c) => c.notNull())
    // Also the row the next message's position is taken from, which serialises writers of one thread.
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('speak_up_concerns_status_idx').on('speak_up_concerns').columns(['status', 'received_on']).execute();
  await db.schema.createIndex('speak_up_concerns_reporter_idx').on('speak_up_concerns').column('reporter_user_id').execute();

  await db.schema
    .createTable('speak_up_messages')
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('speak_up_concerns.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    // The guardian who replied; never set for a reporter's message.
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('speak_up_messages_pk', ['concern_id', 'position'])
    .execute();

  await db.schema
    .createTable('speak_up_themes')
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('speak_up_concerns.id').onDelete('cascade'))
    .addColumn('theme', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('speak_up_themes_pk', ['concern_id', 'theme'])
    .execute();
  await db.schema.createIndex('speak_up_themes_theme_idx').on('speak_up_themes').column('theme').execute();

  await db.schema
    .createTable('speak_up_categories')
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('speak_up_concerns.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('speak_up_categories_pk', ['concern_id', 'category'])
    .execute();
  await db.schema.createIndex('speak_up_categories_category_idx').on('speak_up_categories').column('category').execute();
}
