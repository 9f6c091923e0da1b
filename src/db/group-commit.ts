import type SQLite from 'better-sqlite3';
import type { ControlledTransaction, Kysely, KyselyPlugin, Transaction } from 'kysely';
import type { DB } from './types.js';

type Work<T> = (trx: Transaction<DB>) => Promise<T>;

export interface TransactionOptions {
  /**
   * Commit on its own rather than with whatever arrives beside it: for long work (an import), whose seconds would
   * otherwise hold up the answers of everyone who arrived with it, and whose failure would take their changes with it.
   */
  alone?: boolean;
}

interface Pending {
  work: Work<unknown>;
  alone: boolean;
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
 * it gets the error. Each unit's view of the transaction closes when its work settles, so a query it left running
 * cannot land in someone else's savepoint. A transaction must not start another: the one connection is already held,
 * so it would wait for itself (as with Kysely's own transactions on SQLite). Constraints must be checked as each statement runs, as they are now: a deferred one,
 * checked only at the shared commit, would fail everyone in the batch.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private isScheduled = false;
  private isClosing = false;
  private drained: Promise<void> = Promise.resolve();
  private onDrained: (() => void) | null = null;

  constructor(private readonly db: Kysely<DB>, private readonly sqlite: SQLite.Database) {}

  run<T>(work: Work<T>, options: TransactionOptions = {}): Promise<T> {
    if (this.isClosing) return Promise.reject(new Error('The database is closing'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, alone: options.alone ?? false, resolve: resolve as (value: unknown) => void, reject });
      if (!this.isScheduled) {
        this.isScheduled = true;
        this.drained = new Promise((done) => { this.onDrained = done; });
        // After the I/O of this turn, so that every request that arrived with this one joins its batch.
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Refuse new transactions and wait for those already asked for. */
  async close(): Promise<void> {
    this.isClosing = true;
    await this.drained;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.commitBatch(this.nextBatch());
    } finally {
      this.isScheduled = false;
      this.onDrained?.();
    }
  }

  /** The next transactions to commit together: up to MAX_BATCH, or one that must commit alone. */
  private nextBatch(): Pending[] {
    if (this.queue[0]!.alone) return this.queue.splice(0, 1);
    const end = this.queue.findIndex((p, i) => p.alone || i >= MAX_BATCH);
    return this.queue.splice(0, end === -1 ? this.queue.length : end);
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
      const view = { isOpen: true };
      try {
        unit = await trx.savepoint(SAVEPOINT).execute();
        const guarded = unit.withPlugin(this.guard(view));
        const value = await member.work(guarded);
        view.isOpen = false;
        await unit.releaseSavepoint(SAVEPOINT).execute();
        done.push({ member, value });
      } catch (error) {
        view.isOpen = false;
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

  /** Refuses a unit's queries once its work has settled, or once SQLite has abandoned the transaction. */
  private guard(view: { isOpen: boolean }): KyselyPlugin {
    return {
      transformQuery: ({ node }) => {
        if (!view.isOpen || !this.sqlite.inTransaction) throw new Error('This transaction has ended');
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    };
  }
}
