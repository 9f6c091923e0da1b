// The patterns the demo generator planted on purpose, and the decoys it planted to look like patterns but not be
// one. Written as JSON beside the database so analytics tests can check that Lantern finds what is there and
// flags nothing that is not. Records are named by their stable refs (people.ref, services.ref, staff.ref).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../connection.js';

export const patternKinds = [
  'time_hotspot', 'staffing_agency', 'blanket_restriction', 'staff_overrepresented', 'cross_service_theme',
  'cross_source_theme', 'escalation', 'action_effect', 'null_effect', 'trigger',
] as const;
export type PatternKind = (typeof patternKinds)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface PatternScope {
  type: 'person' | 'service' | 'staff' | 'organisation';
  /** Database id at seeding time; use `ref` to find the record again. */
  id: number | null;
  ref: string;
}

export interface PlantedPattern {
  kind: PatternKind;
  scope: PatternScope;
  description: string;
  parameters: Record<string, JsonValue>;
}

/** Something that resembles a pattern and is not one: analytics should not flag it. */
export interface PlantedDecoy {
  kind: 'high_rate_flat' | 'busy_staff' | 'local_keyword' | 'high_agency_no_effect' | 'blanket_no_effect';
  scope: PatternScope;
  description: string;
  parameters: Record<string, JsonValue>;
}

export interface GroundTruth {
  version: 1;
  seed: number;
  scale: string;
  from: string;
  to: string;
  /** Local times (hours, days of week) are Europe/London wall-clock; days of week 0 = Sunday. */
  timeZone: 'Europe/London';
  patterns: PlantedPattern[];
  decoys: PlantedDecoy[];
}

/**
 * Where the ground truth for a database belongs: `ground-truth.json` beside a SQLite file, or
 * `./data/ground-truth-<schema>.json` for PostgreSQL (the schema, or the database name when it is `public`).
 * Null for an in-memory SQLite database.
 */
export async function groundTruthPath(database: Database): Promise<string | null> {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(database.db);
    const file = rows.find((r) => r.name === 'main')?.file;
    return file ? path.join(path.dirname(file), 'ground-truth.json') : null;
  }
  const { rows } = await sql<{ schema: string; db: string }>`select current_schema() as schema, current_database() as db`.execute(database.db);
  const where = rows[0];
  const name = !where ? 'postgres' : where.schema && where.schema !== 'public' ? where.schema : where.db;
  return path.resolve('data', `ground-truth-${name.replace(/[^\w.-]/g, '_')}.json`);
}

/** Write the ground truth as indented JSON where `groundTruthPath` says; returns the path, or null if there is none. */
export async function writeGroundTruth(database: Database, truth: GroundTruth): Promise<string | null> {
  const file = await groundTruthPath(database);
  if (!file) return null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(truth, null, 2)}\n`);
  return file;
}

/** Read a ground-truth file written by `writeGroundTruth`. */
export function readGroundTruth(file: string): GroundTruth {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as GroundTruth;
}
