import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database, type DialectName } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { groundTruthPath } from '../../src/db/seed/ground-truth.js';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The databases every integration test runs on: both, unless TEST_DIALECTS narrows it (never in CI). */
export function testDialects(): DialectName[] {
  const wanted = (process.env.TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim());
  if (process.env.CI && wanted.length < 2) throw new Error('CI must run the integration tests on SQLite and PostgreSQL.');
  return wanted.filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
}

export function postgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

export interface TestDatabase extends Database {
  /** Where the database lives: a SQLite file path, or a PostgreSQL URL plus schema. */
  location: { url: string; schema?: string };
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database: a temporary SQLite file, or a new schema in the PostgreSQL test database. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-test-'));
    const file = path.join(dir, 'lantern.sqlite');
    const database = openDatabase(file);
    await migrateToLatest(database);
    return {
      ...database,
      location: { url: file },
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = postgresUrl();
  const schema = `lt_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase(url, { searchPath: schema, poolSize: 5 });
  await migrateToLatest(database);
  return {
    ...database,
    location: { url, schema },
    drop: async () => {
      // Seeding the demo writes its ground truth under data/, named after the schema: it goes with the schema.
      const truth = await groundTruthPath(database);
      if (truth) fs.rmSync(truth, { force: true });
      await database.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
