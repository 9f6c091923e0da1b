import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/**
 * Detected patterns, kept between runs: a finding is identified by its stable key, so a dismissal (with its reason)
 * survives the next recompute. `pattern_services` says which services a finding draws on, so a scoped user's list is
 * one indexed join rather than a filter over every finding. `pattern_runs` records each recompute and its progress.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('patterns'), dialect)
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('statistic', 'text', (c) => c.notNull())
    .addColumn('strength', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('service_count', 'integer', (c) => c.notNull())
    // open: shown; dismissed: a person said why it is not a concern; in_learning: taken into a learning response.
    .addColumn('status', 'text', (c) => c.notNull())
    // Whether the latest run still finds it; a finding that fades stays on record but leaves the list.
    .addColumn('is_current', 'integer', (c) => c.notNull())
    .addColumn('dismissed_reason', 'text')
    .addColumn('dismissed_by_name', 'text')
    .addColumn('dismissed_at', 'text')
    .addColumn('first_found_at', 'text', (c) => c.notNull())
    .addColumn('last_found_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patterns_current_idx').on('patterns').columns(['is_current', 'strength']).execute();
  await db.schema.createIndex('patterns_scope_idx').on('patterns').columns(['scope_type', 'scope_id']).execute();

  await db.schema.createTable('pattern_services')
    .addColumn('pattern_id', 'integer', (c) => c.notNull().references('patterns.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('pattern_services_pk', ['pattern_id', 'service_id'])
    .execute();
  await db.schema.createIndex('pattern_services_service_idx').on('pattern_services').columns(['service_id', 'pattern_id']).execute();

  await withId(db.schema.createTable('pattern_runs'), dialect)
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('found', 'integer')
    .addColumn('error', 'text')
    .execute();
}
