import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/**
 * Settings kept per measure and scope (`organisation`, `region:{id}`, `service:{id}`, `person:{id}`):
 * a target, and chart annotations (recalculation points that start a new partition, and action markers).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.createTable('measure_targets')
    .addColumn('measure_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('target', 'real', (c) => c.notNull())
    .addColumn('set_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('set_by_name', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('measure_targets_pk', ['measure_key', 'scope'])
    .execute();
  await db.schema.createIndex('measure_targets_scope_idx').on('measure_targets').column('scope').execute();

  await withId(db.schema.createTable('measure_annotations'), dialect)
    .addColumn('measure_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('link_kind', 'text')
    .addColumn('link_id', 'integer')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measure_annotations_scope_idx').on('measure_annotations').columns(['scope', 'measure_key', 'period']).execute();
  await db.schema.createIndex('measure_annotations_link_idx').on('measure_annotations').columns(['link_kind', 'link_id']).execute();
}
