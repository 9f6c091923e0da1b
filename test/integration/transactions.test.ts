// Database.transaction: on SQLite transactions arriving together share one commit (GroupCommit); on PostgreSQL each
// has its own. Either way each must keep all-or-nothing meaning on its own.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

describe.each(testDialects())('transactions on %s', (dialect) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await database.drop();
  });

  const regions = async () => (await database.db.selectFrom('regions').select('name').orderBy('name').execute()).map((r) => r.name);
  const addRegion = (name: string) => database.transaction(async (trx) => {
    await trx.insertInto('regions').values({ name }).execute();
    return name;
  });

  it('commits transactions started together, each with its own result, and rolls back only the one that fails', async () => {
    const failing = database.transaction(async (trx) => {
      await trx.insertInto('regions').values({ name: 'Failed half-way' }).execute();
      throw new Error('a rule was broken');
    });
    const results = await Promise.allSettled([addRegion('North'), failing, addRegion('South'), addRegion('East')]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[0] as PromiseFulfilledResult<string>).value).toBe('North');
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('a rule was broken'));
    expect(await regions()).toEqual(['East', 'North', 'South']);
  });

  it('sees its own writes, and reports a constraint failure to its own caller alone', async () => {
    const readsOwnWrite = database.transaction(async (trx) => {
      await trx.insertInto('regions').values({ name: 'West' }).execute();
      return (await trx.selectFrom('regions').select('name').where('name', '=', 'West').execute()).length;
    });
    // Which of two concurrent transactions wins is the database's to decide (PostgreSQL has no order between them).
    const results = await Promise.allSettled([readsOwnWrite, addRegion('West'), addRegion('Wessex')]);

    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(String(refused[0]!.reason)).toMatch(/unique|duplicate/i);
    expect(results[2]).toEqual({ status: 'fulfilled', value: 'Wessex' });
    if (results[0].status === 'fulfilled') expect(results[0].value).toBe(1);
    expect((await regions()).filter((n) => n === 'West')).toHaveLength(1);
  });

  it('keeps going after a failure: the next transactions commit', async () => {
    await expect(database.transaction(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await addRegion('Midlands')).toBe('Midlands');
    expect(await regions()).toContain('Midlands');
  });

  it('closes a transaction to queries once its work has settled', async () => {
    let leftOver: Promise<unknown> = Promise.resolve();
    await database.transaction((trx) => {
      // A query the work started but did not wait for, run after the work has finished.
      leftOver = new Promise((resolve) => setTimeout(resolve, 20)).then(() => trx.insertInto('regions').values({ name: 'Stray' }).execute());
      return Promise.resolve(null);
    });
    await addRegion('After the stray');
    await expect(leftOver).rejects.toThrow();
    expect(await regions()).not.toContain('Stray');
  });

  it('when the database abandons a whole transaction, only what shared it is lost, and everyone is told', async () => {
    const results = await Promise.allSettled([
      addRegion('Before the abort'),
      database.transaction(async (trx) => {
        // On SQLite "or rollback" makes a constraint failure roll back the whole (shared) transaction.
        if (dialect === 'sqlite') await sql`insert or rollback into regions (name) values ('North')`.execute(trx);
        else await sql`insert into regions (name) values ('North')`.execute(trx);
      }),
      addRegion('After the abort'),
    ]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE|duplicate/i);
    const names = await regions();
    expect(names).toContain('After the abort');
    if (dialect === 'sqlite') {
      // The transaction before it shared its commit: it was not saved, and its caller is told so.
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/not saved/);
      expect(names).not.toContain('Before the abort');
    } else {
      // Each transaction has its own commit on PostgreSQL.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(names).toContain('Before the abort');
    }
  });

  it('commits a long transaction asked to commit alone without holding up the others', async () => {
    const results = await Promise.all([
      addRegion('Quick one'),
      database.transaction(async (trx) => {
        await trx.insertInto('regions').values({ name: 'Long one' }).execute();
        return 'long';
      }, { alone: true }),
      addRegion('Quick two'),
    ]);
    expect(results).toEqual(['Quick one', 'long', 'Quick two']);
    expect(await regions()).toEqual(expect.arrayContaining(['Quick one', 'Long one', 'Quick two']));
  });
});
