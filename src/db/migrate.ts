import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './connection.js';
import * as foundation from './migrations/0001_foundation.js';
import * as incidents from './migrations/0002_incidents.js';
import * as complaints from './migrations/0005_complaints.js';
import * as rollups from './migrations/0009_rollups.js';
import * as safeguarding from './migrations/0003_safeguarding.js';
import * as speakUp from './migrations/0004_speak_up.js';
import * as restrictions from './migrations/0006_restrictions.js';
import * as links from './migrations/0007_links.js';
import * as importRefs from './migrations/0008_import_refs.js';
import * as learning from './migrations/0011_learning.js';
import * as measureSettings from './migrations/0010_measure_settings.js';
import * as patterns from './migrations/0013_patterns.js';
import * as learningResponseCodes from './migrations/0014_learning_response_codes.js';
import * as linkTablesWithoutRowid from './migrations/0015_link_tables_without_rowid.js';
import * as peopleRestrainedDistinct from './migrations/0016_people_restrained_distinct.js';
import * as holdLengths from './migrations/0017_hold_lengths.js';

type DialectMigration = { up: (db: never, dialect: Database['dialect']) => Promise<void> };

// One definition per migration, given the dialect so the few differences stay inside it.
const migrations: Record<string, DialectMigration> = {
  '0001_foundation': foundation,
  '0002_incidents': incidents,
  '0005_complaints': complaints,
  '0009_rollups': rollups,
  '0003_safeguarding': safeguarding,
  '0004_speak_up': speakUp,
  '0006_restrictions': restrictions,
  '0007_links': links,
  '0008_import_refs': importRefs,
  '0011_learning': learning,
  '0010_measure_settings': measureSettings,
  '0013_patterns': patterns,
  '0014_learning_response_codes': learningResponseCodes,
  '0015_link_tables_without_rowid': linkTablesWithoutRowid,
  '0016_people_restrained_distinct': peopleRestrainedDistinct,
  '0017_hold_lengths': holdLengths,
};

class InCodeProvider implements MigrationProvider {
  constructor(private readonly dialect: Database['dialect']) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const entries = Object.entries(migrations).map(([name, m]) => [
      name,
      { up: (db: never) => m.up(db, this.dialect) } satisfies Migration,
    ]);
    return Promise.resolve(Object.fromEntries(entries) as Record<string, Migration>);
  }
}

/** Bring the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Kysely looks for its migration tables in every schema; on PostgreSQL pin it to the one we work in, or a
  // database holding several Lantern schemas (tests, staging beside live) would find another's tables.
  const schema = database.dialect === 'postgres'
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({
    db: database.db, provider: new InCodeProvider(database.dialect), ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
