import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/**
 * The restrictions register (a person's, or blanket at a service) with an append-only history of changes,
 * challenges from staff (to a registered restriction or to an unwritten norm), and restrictive practice reviews.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('restrictions'), dialect)
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('alternatives_considered', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('review_due_on', 'text', (c) => c.notNull())
    .addColumn('reduction_plan', 'text')
    .addColumn('reduction_target_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('restrictions_service_status_idx').on('restrictions').columns(['service_id', 'status', 'review_due_on']).execute();
  await db.schema.createIndex('restrictions_person_idx').on('restrictions').columns(['person_id', 'status']).execute();

  // One row per changed field: never updated or deleted, so the register's trajectory can be read back.
  await withId(db.schema.createTable('restriction_history'), dialect)
    .addColumn('restriction_id', 'integer', (c) => c.notNull().references('restrictions.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('restriction_history_restriction_idx').on('restriction_history').columns(['restriction_id', 'id']).execute();

  await withId(db.schema.createTable('restriction_challenges'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('restriction_id', 'integer', (c) => c.references('restrictions.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('raised_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('raised_by_name', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('response', 'text')
    .addColumn('responded_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('responded_by_name', 'text')
    .addColumn('responded_at', 'text')
    .execute();
  await db.schema.createIndex('restriction_challenges_queue_idx').on('restriction_challenges').columns(['service_id', 'status', 'raised_at']).execute();
  await db.schema.createIndex('restriction_challenges_raiser_idx').on('restriction_challenges').columns(['raised_by_user_id', 'raised_at']).execute();
  await db.schema.createIndex('restriction_challenges_restriction_idx').on('restriction_challenges').column('restriction_id').execute();

  await withId(db.schema.createTable('practice_reviews'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('incident_id', 'integer', (c) => c.references('incidents.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('person_took_part', 'integer', (c) => c.notNull())
    .addColumn('family_took_part', 'integer', (c) => c.notNull())
    .addColumn('advocate_took_part', 'integer', (c) => c.notNull())
    .addColumn('staff_took_part', 'integer', (c) => c.notNull())
    .addColumn('what_could_be_different', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('practice_reviews_service_idx').on('practice_reviews').columns(['service_id', 'held_on']).execute();
  await db.schema.createIndex('practice_reviews_person_idx').on('practice_reviews').columns(['person_id', 'held_on']).execute();
  await db.schema.createIndex('practice_reviews_incident_idx').on('practice_reviews').column('incident_id').execute();

  await db.schema.createTable('practice_review_staff')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('practice_reviews.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('practice_review_staff_pk', ['review_id', 'staff_id'])
    .execute();

  await db.schema.createTable('practice_review_assessments')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('practice_reviews.id').onDelete('cascade'))
    .addColumn('restriction_id', 'integer', (c) => c.notNull().references('restrictions.id'))
    .addColumn('is_necessary', 'integer', (c) => c.notNull())
    .addColumn('is_proportionate', 'integer', (c) => c.notNull())
    .addColumn('is_least_restrictive', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_review_assessments_pk', ['review_id', 'restriction_id'])
    .execute();
  await db.schema.createIndex('practice_review_assessments_restriction_idx').on('practice_review_assessments').columns(['restriction_id', 'review_id']).execute();

  await db.schema.createTable('practice_review_factors')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('practice_reviews.id').onDelete('cascade'))
    .addColumn('factor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_review_factors_pk', ['review_id', 'factor'])
    .execute();
  await db.schema.createIndex('practice_review_factors_factor_idx').on('practice_review_factors').column('factor').execute();

  await db.schema.createTable('practice_review_recommendations')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('practice_reviews.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('practice_review_recommendations_pk', ['review_id', 'position'])
    .execute();
}
