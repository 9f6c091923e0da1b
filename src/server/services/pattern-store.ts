import type { Database } from '../../db/connection.js';
import * as repo from '../repositories/patterns.repository.js';

/**
 * Where the pattern engine writes its runs and findings. In its own thread it sends them to the request thread to
 * write (see pattern-engine-thread.ts): on SQLite a second writer holding the lock made requests wait, asleep, for it.
 */
export interface EngineStore {
  startRun: (reason: string, at: string) => Promise<number>;
  updateRun: (id: number, values: repo.RunUpdate) => Promise<void>;
  applyFindings: (changes: repo.FindingChanges) => Promise<void>;
}

/** The store's operations, by name: what the engine's thread may ask the request thread to do. */
export const storeOperations = ['startRun', 'updateRun', 'applyFindings'] as const satisfies readonly (keyof EngineStore)[];

/** Writing through a database's own connection (findings in a transaction). */
export function directStore(database: Database): EngineStore {
  return {
    startRun: (reason, at) => repo.startRun(database.db, reason, at),
    updateRun: (id, values) => repo.updateRun(database.db, id, values),
    // Alone: at start-up every finding is new, thousands at national scale.
    applyFindings: (changes) => database.transaction((trx) => repo.applyFindings(trx, changes), { alone: true }),
  };
}
