import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connection.js';

/** The tables linking incidents and episodes to people, staff and codes: each row is its key and nothing else. */
const linkTables = [
  {
    table: 'incident_people', columns: '"incident_id" integer not null references "incidents" ("id") on delete cascade, "person_id" integer not null references "people" ("id")',
    key: '"incident_id", "person_id"', indexes: ['create index "incident_people_person_idx" on "incident_people" ("person_id", "incident_id")'],
  },
  {
    table: 'incident_staff', columns: '"incident_id" integer not null references "incidents" ("id") on delete cascade, "staff_id" integer not null references "staff" ("id")',
    key: '"incident_id", "staff_id"', indexes: ['create index "incident_staff_staff_idx" on "incident_staff" ("staff_id", "incident_id")'],
  },
  {
    table: 'incident_codes', columns: '"incident_id" integer not null references "incidents" ("id") on delete cascade, "kind" text not null, "code" text not null',
    key: '"incident_id", "kind", "code"', indexes: ['create index "incident_codes_code_idx" on "incident_codes" ("kind", "code")'],
  },
  {
    table: 'intervention_staff',
    columns: '"intervention_id" integer not null references "restrictive_interventions" ("id") on delete cascade, "staff_id" integer not null references "staff" ("id")',
    key: '"intervention_id", "staff_id"', indexes: ['create index "intervention_staff_staff_idx" on "intervention_staff" ("staff_id", "intervention_id")'],
  },
];

/**
 * SQLite: the link tables become WITHOUT ROWID tables, stored in order of their primary key. As ordinary tables each
 * row was written three times (the table, its primary key's index and its other index); now twice. An incidents
 * import writes hundreds of thousands of these rows. PostgreSQL has no such distinction: nothing changes there.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  for (const { table, columns, key, indexes } of linkTables) {
    const next = `${table}_next`;
    await sql.raw(`create table "${next}" (${columns}, primary key (${key})) without rowid`).execute(db);
    await sql.raw(`insert into "${next}" select * from "${table}"`).execute(db);
    await sql.raw(`drop table "${table}"`).execute(db);
    await sql.raw(`alter table "${next}" rename to "${table}"`).execute(db);
    for (const index of indexes) await sql.raw(index).execute(db);
  }
}
