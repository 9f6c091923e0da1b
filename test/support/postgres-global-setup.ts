import pg from 'pg';
import { postgresUrl, testDialects } from './databases.js';

/** Fail early, and say how to fix it, when the PostgreSQL half of the suite has no server to run on. */
export default async function checkPostgres() {
  if (!testDialects().includes('postgres')) return;
  const url = postgresUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new Error(
      `The integration tests run on SQLite and on PostgreSQL, but no PostgreSQL answered at ${url.replace(/:[^:@/]*@/, ':***@')} ` +
        `(${(error as Error).message}).\n` +
        '  • Point them at a server: TEST_DATABASE_URL=postgres://user:password@host:5432/dbname npm test\n' +
        '  • or start a local one (Debian/Ubuntu: sudo apt-get install postgresql && sudo pg_ctlcluster 15 main start)\n' +
        '  • or, on your own machine only, run the SQLite half: npm run test:sqlite',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
