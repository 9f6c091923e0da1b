import type SQLite from 'better-sqlite3';
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { DB } from './types.js';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The most transactions one commit carries, so that a queue that never empties still commits often. */
const MAX_BATCH = 64;
const SAVEPOINT = 'unit' as const;

/**
 * Group commit for SQLite, which writes one transaction at a time and, at each commit, appends every page the
 * transaction changed to the write-ahead log: twenty incidents recorded at once cost twenty commits of much the
 * same index pages. Transactions that arrive in the same turn of the event loop run one after another inside a
 * single SQLite transaction instead, each in its own savepoint, and share one commit.
 *
 * Each still has all-or-nothing meaning: one that fails is rolled back to its savepoint alone and its caller gets
 * the error; none is reported done until the shared commit has succeeded, and if that commit fails, every one in
 * it gets the error. A transaction must not start another (the one connection is already held: it would wait for
 * itself), as with Kysely's own transactions on SQLite.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private isScheduled = false;

  constructor(private readonly db: Kysely<DB>, private readonly sqlite: SQLite.Database) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.isScheduled) {
        this.isScheduled = true;
        // After the I/O of this turn, so that every request that arrived with this one joins its batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) await this.commitBatch(this.queue.splice(0, MAX_BATCH));
    this.isScheduled = false;
  }

  private async commitBatch(batch: Pending[]): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      for (const member of batch) member.reject(error);
      return;
    }
    const done: { member: Pending; value: unknown }[] = [];
    for (let i = 0; i < batch.length; i += 1) {
      const member = batch[i]!;
      let unit: ControlledTransaction<DB, [typeof SAVEPOINT]> | undefined;
      try {
        unit = await trx.savepoint(SAVEPOINT).execute();
        const value = await member.work(unit);
        await unit.releaseSavepoint(SAVEPOINT).execute();
        done.push({ member, value });
      } catch (error) {
        if (unit && this.sqlite.inTransaction) {
          try {
            await unit.rollbackToSavepoint(SAVEPOINT).execute();
            await unit.releaseSavepoint(SAVEPOINT).execute();
            member.reject(error);
            continue;
          } catch { /* the transaction is unusable: end it below */ }
        }
        // SQLite rolled the whole transaction back (a full disk, say): nothing in this batch was written.
        await trx.rollback().execute().catch(() => {});
        member.reject(error);
        const lost = new Error('The database rolled back a transaction this change shared, so it was not saved.');
        for (const { member: earlier } of done) earlier.reject(lost);
        this.queue.unshift(...batch.slice(i + 1));
        return;
      }
    }
    try {
      await trx.commit().execute();
    } catch (error) {
      await trx.rollback().execute().catch(() => {});
      for (const { member } of done) member.reject(error);
      return;
    }
    for (const { member, value } of done) member.resolve(value);
  }
}
