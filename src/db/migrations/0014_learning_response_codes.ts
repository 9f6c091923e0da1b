import { sql, type Kysely } from 'kysely';

/** Learning response types are stored as DOMAIN.md §3.1 names them (PSII, AAR, SWARM_huddle, MDT_review). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [from, to] of [['psii', 'PSII'], ['after_action_review', 'AAR'], ['swarm_huddle', 'SWARM_huddle'], ['multidisciplinary_review', 'MDT_review']]) {
    await sql`update learning_responses set type = ${to} where type = ${from}`.execute(db);
  }
}
