import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type DatabaseConnection, type Driver, type Transaction } from 'kysely';
import type { DB } from './types.js';
import { GroupCommit, type TransactionOptions } from './group-commit.js';

export type DialectName = 'sqlite' | 'postgres';

/** Where a database is, so another thread can open its own connection to it. */
export interface DatabaseSource {
  url: string;
  searchPath?: string;
}

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  source: DatabaseSource;
  /**
   * Run work in a transaction. On SQLite, transactions that arrive together share one commit (GroupCommit); on
   * PostgreSQL each has its own, on its own pooled connection.
   */
  transaction<T>(work: (trx: Transaction<DB>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /**
   * SQLite only: the one connection Kysely runs every query and transaction on, for writing many rows through
   * a single prepared statement inside a transaction Kysely has opened (see insertRows in the imports).
   */
  sqlite?: SQLite.Database;
}

export type Executor = Kysely<DB> | Transaction<DB>;

/** Which database an executor talks to, for the few statements whose SQL differs (Kysely knows by its adapter). */
export function dialectOf(db: Executor): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// COUNT(*) and SUM() come back from PostgreSQL as bigint/numeric text; read them as numbers.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

/** Open the database named by a URL: `postgres://…` for PostgreSQL, otherwise a SQLite file path (or `:memory:`). */
export function openDatabase(url: string, options: { searchPath?: string; poolSize?: number; checkpointInBackground?: boolean } = {}): Database {
  const source = { url, ...(options.searchPath ? { searchPath: options.searchPath } : {}) };
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', source, transaction: (work) => db.transaction().execute(work), close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = memory');
  const checkpointer = file === ':memory:' || options.checkpointInBackground === false ? null : checkpointInBackground(file, sqlite);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  const group = new GroupCommit(db, sqlite);
  return {
    db, dialect: 'sqlite', source, sqlite,
    transaction: (work, transactionOptions) => group.run(work, transactionOptions),
    close: async () => {
      await group.close();
      await checkpointer?.terminate();
      await db.destroy();
    },
  };
}

/**
 * SQLite copies the write-ahead log back into the database (a checkpoint, with its fsyncs) inside whichever commit
 * finds the log long, so every few dozen commits one request waited tens of milliseconds. A worker thread with its
 * own connection checkpoints twice a second instead, off the event loop; the connection's own automatic checkpoint
 * stays as a backstop, at a much larger size (about 400 MB), in case the worker falls behind. (At 40 MB, the commit
 * of one large import crossed it and copied its 45 MB back inline: 0.2 s of an 80,000-row import.)
 */
function checkpointInBackground(file: string, sqlite: SQLite.Database): Worker {
  sqlite.pragma('wal_autocheckpoint = 100000');
  const worker = new Worker(`
    const { workerData } = require('node:worker_threads');
    const SQLite = require(workerData.module);
    const db = new SQLite(workerData.file);
    db.pragma('busy_timeout = 5000');
    setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ } }, 500);
  `, { eval: true, workerData: { file: path.resolve(file), module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  // A thread that cannot start (or dies) must not take the server with it: the connection's own checkpoint carries on.
  worker.on('error', (error) => {
    sqlite.pragma('wal_autocheckpoint = 1000');
    process.emitWarning(`SQLite checkpoints in the background stopped: ${error.message}`);
  });
  return worker;
}

/**
 * Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), waiting for it under the busy timeout. A
 * deferred transaction that read first and then wrote would fail at once (SQLITE_BUSY) if another connection, such
 * as the pattern engine's thread, had committed in between.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    return driver;
  }
}

/**
 * Kysely prepares every statement afresh; preparing costs more than running most of Lantern's queries.
 * Reuse prepared statements by their SQL text (Kysely runs one query at a time on this connection, so a
 * statement is never in use twice). The cache is bounded: queries built with long IN lists vary in text.
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

export const nowIso = (): string => new Date().toISOString();
export const toFlag = (value: boolean): number => (value ? 1 : 0);
export const fromFlag = (value: number | boolean | null | undefined): boolean => value === 1 || value === true;
