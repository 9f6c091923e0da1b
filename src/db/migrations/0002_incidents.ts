import type { Kysely } from 'kysely';
import type { DialectName } from '../connection.js';
import { withId } from './0001_foundation.js';

/** Incidents with ABC detail and their restrictive intervention episodes (MHSDS MHS505/MHS515 shape). */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await withId(db.schema.createTable('incidents'), dialect)
    .addColumn('ref', 'text', (c) => c.unique())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('antecedent', 'text', (c) => c.notNull())
    .addColumn('behaviour', 'text', (c) => c.notNull())
    .addColumn('consequence', 'text', (c) => c.notNull())
    .addColumn('harm_physical', 'text', (c) => c.notNull())
    .addColumn('harm_psychological', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('has_agency_staff', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_service_time_idx').on('incidents').columns(['service_id', 'occurred_at']).execute();
  await db.schema.createIndex('incidents_status_idx').on('incidents').columns(['status', 'service_id']).execute();

  await db.schema.createTable('incident_people')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addPrimaryKeyConstraint('incident_people_pk', ['incident_id', 'person_id'])
    .execute();
  await db.schema.createIndex('incident_people_person_idx').on('incident_people').columns(['person_id', 'incident_id']).execute();

  await db.schema.createTable('incident_staff')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('incident_staff_pk', ['incident_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('incident_staff_staff_idx').on('incident_staff').columns(['staff_id', 'incident_id']).execute();

  // Coded lists on an incident: setting events and contributory factors.
  await db.schema.createTable('incident_codes')
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_codes_pk', ['incident_id', 'kind', 'code'])
    .execute();
  await db.schema.createIndex('incident_codes_code_idx').on('incident_codes').columns(['kind', 'code']).execute();

  await withId(db.schema.createTable('restrictive_interventions'), dialect)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id'))
    .addColumn('type_code', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('is_planned', 'integer', (c) => c.notNull())
    .addColumn('deescalation_tried', 'text', (c) => c.notNull())
    .addColumn('injury_person', 'integer', (c) => c.notNull())
    .addColumn('injury_staff', 'integer', (c) => c.notNull())
    .addColumn('injury_others', 'integer', (c) => c.notNull())
    .addColumn('debrief_person', 'integer', (c) => c.notNull())
    .addColumn('debrief_person_reason', 'text')
    .addColumn('debrief_staff', 'integer', (c) => c.notNull())
    .addColumn('debrief_staff_reason', 'text')
    .execute();
  await db.schema.createIndex('interventions_incident_idx').on('restrictive_interventions').column('incident_id').execute();
  await db.schema.createIndex('interventions_service_time_idx').on('restrictive_interventions').columns(['service_id', 'started_at']).execute();
  await db.schema.createIndex('interventions_person_time_idx').on('restrictive_interventions').columns(['person_id', 'started_at']).execute();

  await db.schema.createTable('intervention_staff')
    .addColumn('intervention_id', 'integer', (c) => c.notNull().references('restrictive_interventions.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('intervention_staff_pk', ['intervention_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('intervention_staff_staff_idx').on('intervention_staff').columns(['staff_id', 'intervention_id']).execute();

  // Reviews, correction requests, corrections (with the values they replaced) and addenda: never overwritten.
  await withId(db.schema.createTable('incident_notes'), dialect)
    .addColumn('incident_id', 'integer', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('changes', 'text')
    .execute();
  await db.schema.createIndex('incident_notes_incident_idx').on('incident_notes').columns(['incident_id', 'id']).execute();
}
