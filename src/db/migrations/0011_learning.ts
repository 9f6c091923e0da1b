import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/**
 * Closing the loop: learning responses (PSIRF types) with their evidence and contributory factors, lessons and
 * their shares with other services, actions (with what the effectiveness evaluation needs), a person's versioned
 * risk assessments and plans, and training (courses and assignments).
 *
 * Evidence and contributory factors are kept in two tables shared by learning responses and lessons
 * (`owner_kind` + `owner_id`); evidence names a record by source and id, or a detected pattern by its key.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('learning_responses'), dialect)
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Null for an organisation-wide response (e.g. a thematic review across services).
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('person_took_part', 'integer', (c) => c.notNull())
    .addColumn('family_took_part', 'integer', (c) => c.notNull())
    .addColumn('advocate_took_part', 'integer', (c) => c.notNull())
    .addColumn('staff_took_part', 'integer', (c) => c.notNull())
    // JSON array of names, as given.
    .addColumn('participant_names', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learning_responses_service_idx').on('learning_responses').columns(['service_id', 'started_on']).execute();

  await withId(db.schema.createTable('learning_evidence'), dialect)
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('source_key', 'text')
    .execute();
  await db.schema.createIndex('learning_evidence_owner_idx').on('learning_evidence').columns(['owner_kind', 'owner_id']).execute();
  await db.schema.createIndex('learning_evidence_source_idx').on('learning_evidence').columns(['source', 'source_id']).execute();

  await db.schema.createTable('learning_factors')
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('factor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_factors_pk', ['owner_kind', 'owner_id', 'factor'])
    .execute();

  await withId(db.schema.createTable('lessons'), dialect)
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    // The service the lesson belongs to (the person's or the service's); null for an organisation-wide lesson.
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('learning_response_id', 'integer', (c) => c.references('learning_responses.id'))
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_service_idx').on('lessons').columns(['service_id', 'created_at']).execute();
  await db.schema.createIndex('lessons_response_idx').on('lessons').column('learning_response_id').execute();

  await withId(db.schema.createTable('lesson_shares'), dialect)
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('shared_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('shared_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('shared_by_name', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('applies', 'text')
    .addColumn('what_we_did', 'text')
    .addColumn('answered_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('answered_by_name', 'text')
    .addColumn('escalated_at', 'text')
    .addUniqueConstraint('lesson_shares_lesson_service_uq', ['lesson_id', 'service_id'])
    .execute();
  await db.schema.createIndex('lesson_shares_service_idx').on('lesson_shares').columns(['service_id', 'answered_at', 'due_on']).execute();

  await withId(db.schema.createTable('actions'), dialect)
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lessons.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // The service the action is carried out at (from its scope or its lesson); null when organisation-wide.
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    // The person whose risk assessment or plan changes, for those types.
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('owner_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('owner_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('completion_evidence', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closed_as', 'text')
    .addColumn('measure_key', 'text', (c) => c.notNull())
    .addColumn('scope_type', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'integer')
    .addColumn('action_date', 'text')
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('verdict_explanation', 'text')
    .addColumn('evaluated_at', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('override_by', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('actions_service_status_idx').on('actions').columns(['service_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('actions_lesson_idx').on('actions').column('lesson_id').execute();
  await db.schema.createIndex('actions_owner_idx').on('actions').columns(['owner_user_id', 'status']).execute();

  await withId(db.schema.createTable('person_documents'), dialect)
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('in_force_from', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('attachment_name', 'text')
    .addColumn('attachment_type', 'text')
    .addColumn('attachment_size', 'integer')
    .addColumn('attachment', dialect === 'postgres' ? 'bytea' : 'blob')
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('changed_by_lesson_id', 'integer', (c) => c.references('lessons.id'))
    .addColumn('action_id', 'integer', (c) => c.references('actions.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('person_documents_version_uq', ['person_id', 'kind', 'version'])
    .execute();
  await db.schema.createIndex('person_documents_person_idx').on('person_documents').columns(['person_id', 'kind', 'in_force_from']).execute();

  await withId(db.schema.createTable('courses'), dialect)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // How long a completion stays valid; null for training that does not expire.
    .addColumn('validity_months', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db.schema.createTable('training_assignments'), dialect)
    .addColumn('course_id', 'integer', (c) => c.notNull().references('courses.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('action_id', 'integer', (c) => c.references('actions.id'))
    .addColumn('assigned_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('assigned_by_user_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('training_assignments_staff_idx').on('training_assignments').columns(['staff_id', 'course_id']).execute();
  await db.schema.createIndex('training_assignments_action_idx').on('training_assignments').column('action_id').execute();
}
