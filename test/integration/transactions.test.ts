// Database.transaction: on SQLite transactions arriving together share one commit (GroupCommit); on PostgreSQL each
// has its own. Either way each must keep all-or-nothing meaning on its own.
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
});
