import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

// Safeguarding concerns through to outcome (DOMAIN.md §2, §6.1), their append-only decision log, and the
// timescales each local authority sets. Local authorities are rows of `commissioners`.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  // One row per local authority that has set its own timescales; the rest use the defaults in src/domain/safeguarding.ts.
  await db.schema
    .createTable('safeguarding_timescales')
    .addColumn('local_authority_id', 'integer', (c) => c.primaryKey().references('commissioners.id').onDelete('cascade'))
    .addColumn('referral_working_days', 'integer', (c) => c.notNull())
    .addColumn('cqc_notification_hours', 'integer', (c) => c.notNull())
    .addColumn('enquiry_working_days', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await withId(db.schema.createTable('safeguarding_concerns'), dialect)
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('raised_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('raised_by_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location_of_risk', 'text', (c) => c.notNull())
    .addColumn('source_of_risk', 'text', (c) => c.notNull())
    .addColumn('immediate_protection', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('police_involved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('police_reference', 'text')
    .addColumn('cqc_notification_required', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cqc_notified_at', 'text')
    .addColumn('local_authority_id', 'integer', (c) => c.references('commissioners.id'))
    .addColumn('referred_to_la_at', 'text')
    .addColumn('la_reference', 'text')
    .addColumn('la_decision', 'text')
    .addColumn('la_decision_at', 'text')
    .addColumn('caused_enquiry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('caused_enquiry_requested_on', 'text')
    .addColumn('caused_enquiry_due_on', 'text')
    .addColumn('caused_enquiry_completed_on', 'text')
    .addColumn('safeguarding_plan', 'text')
    .addColumn('enquiry_outcome', 'text')
    .addColumn('enquiry_outcome_at', 'text')
    .addColumn('risk_outcome', 'text')
    .addColumn('msp_asked', 'text')
    .addColumn('msp_desired_outcomes', 'text')
    .addColumn('msp_achieved', 'text')
    .addColumn('lacked_capacity', 'text')
    .addColumn('advocate_involved', 'integer')
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('safeguarding_concerns_service_idx').on('safeguarding_concerns').columns(['service_id', 'raised_at']).execute();
  await db.schema.createIndex('safeguarding_concerns_person_idx').on('safeguarding_concerns').columns(['person_id', 'raised_at']).execute();
  await db.schema.createIndex('safeguarding_concerns_status_idx').on('safeguarding_concerns').columns(['status', 'raised_at']).execute();

  // Categories and contributory factors allow several values per concern (as SAC counts them).
  await db.schema
    .createTable('safeguarding_concern_categories')
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('safeguarding_concerns.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('safeguarding_concern_categories_pk', ['concern_id', 'category'])
    .execute();
  await db.schema.createIndex('safeguarding_concern_categories_category_idx').on('safeguarding_concern_categories').column('category').execute();

  await db.schema
    .createTable('safeguarding_concern_factors')
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('safeguarding_concerns.id').onDelete('cascade'))
    .addColumn('factor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('safeguarding_concern_factors_pk', ['concern_id', 'factor'])
    .execute();

  await withId(db.schema.createTable('safeguarding_decisions'), dialect)
    .addColumn('concern_id', 'integer', (c) => c.notNull().references('safeguarding_concerns.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('safeguarding_decisions_concern_idx').on('safeguarding_decisions').columns(['concern_id', 'id']).execute();

  // Append-only: a decision, once logged, is never changed or removed; corrections are new entries.
  if (dialect === 'postgres') {
    await sql`create function safeguarding_decisions_append_only() returns trigger language plpgsql as $$
      begin raise exception 'safeguarding_decisions is append-only'; end $$`.execute(db);
    await sql`create trigger safeguarding_decisions_no_change before update or delete on safeguarding_decisions
      for each row execute function safeguarding_decisions_append_only()`.execute(db);
  } else {
    await sql`create trigger safeguarding_decisions_no_update before update on safeguarding_decisions
      begin select raise(abort, 'safeguarding_decisions is append-only'); end`.execute(db);
    await sql`create trigger safeguarding_decisions_no_delete before delete on safeguarding_decisions
      begin select raise(abort, 'safeguarding_decisions is append-only'); end`.execute(db);
  }
}
