import { Worker } from 'node:worker_threads';
import type { ThemeQuery } from '../../analytics/themes/query.js';
import type { ThemeSummary } from '../../analytics/themes/themes.js';
import type { Database } from '../../db/connection.js';
import { directStore, type EngineStore } from './pattern-store.js';

export type EngineRequest =
  | { type: 'schedule'; reason: string; full: boolean }
  | { type: 'runNow'; id: number; reason: string; full: boolean }
  | { type: 'themes'; id: number; query: ThemeQuery }
  | { type: 'close'; id: number };
export type EngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
/** The engine thread asking the request thread to write for it (see EngineStore), and the answer. */
export type StoreCall = { [K in keyof EngineStore]: { type: 'store'; id: number; op: K; args: Parameters<EngineStore[K]> } }[keyof EngineStore];
export type StoreReply = { type: 'stored'; id: number; ok: true; value: unknown } | { type: 'stored'; id: number; ok: false; error: string };

/**
 * The pattern engine (see PatternEngine) in a worker thread with its own database connection, for reading. Runs are
 * asked for with `schedule` (soon, folded together) or `runNow` (resolves when the findings are saved); the themes
 * page asks it for the themes in the records it holds. What it writes it sends here, to be written on this
 * thread's connection.
 */
export class PatternEngineThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #closed: Promise<void> | null = null;
  #wanted: { reason: string; full: boolean } | null = null;
  #scheduling: NodeJS.Timeout | null = null;
  /** Why the thread stopped, once it has. */
  #stopped: Error | null = null;

  constructor(database: Database) {
    this.#worker = new Worker(new URL('./pattern-engine.worker.mjs', import.meta.url), { workerData: { source: database.source } });
    // An idle engine never keeps the process alive; one with a question outstanding does (see #call).
    this.#worker.unref();
    const store = directStore(database);
    this.#worker.on('message', (reply: EngineReply | StoreCall) => {
      if ('type' in reply) {
        void this.#write(store, reply);
        return;
      }
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (!this.#pending.size) this.#worker.unref();
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(new Error(reply.error));
    });
    const fail = (error: Error) => {
      this.#stopped ??= error;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      // The next request for this database's engine starts a new one.
      if (engines.get(database) === this) engines.delete(database);
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('The pattern engine stopped.')));
  }

  async #write(store: EngineStore, call: StoreCall) {
    let answer: StoreReply;
    try {
      const operation = store[call.op] as (...args: unknown[]) => Promise<unknown>;
      const value = await operation(...call.args);
      answer = { type: 'stored', id: call.id, ok: true, value: value ?? null };
    } catch (error) {
      answer = { type: 'stored', id: call.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (!this.#stopped) this.#worker.postMessage(answer);
  }

  #call<T>(request: EngineRequest & { id: number }): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(request.id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.ref();
      this.#worker.postMessage(request);
    });
  }

  /**
   * Ask for a run soon: `full` reloads every record, otherwise only new ones are read. Requests within 50 ms are sent
   * as one message (the engine folds them together anyway, and a message a request costs the busiest writes dearly).
   */
  schedule(reason: string, full = false) {
    if (this.#closed || this.#stopped) return;
    this.#wanted = { reason, full: full || (this.#wanted?.full ?? false) };
    this.#scheduling ??= setTimeout(() => {
      this.#scheduling = null;
      const wanted = this.#wanted;
      this.#wanted = null;
      if (wanted && !this.#closed) this.#worker.postMessage({ type: 'schedule', ...wanted } satisfies EngineRequest);
    }, 50);
  }

  /** Run now (or after the current run) and resolve when the findings are saved. */
  runNow(reason: string, full = true): Promise<void> {
    return this.#call({ type: 'runNow', id: this.#nextId++, reason, full });
  }

  /** The themes in the records a query selects (see themesIn). */
  themes(query: ThemeQuery): Promise<ThemeSummary[]> {
    return this.#call({ type: 'themes', id: this.#nextId++, query });
  }

  /** Finish the current run, close the engine's connection and stop the thread. */
  close(): Promise<void> {
    if (this.#scheduling) clearTimeout(this.#scheduling);
    this.#closed ??= this.#call({ type: 'close', id: this.#nextId++ })
      .catch(() => {})
      .then(async () => {
        await this.#worker.terminate();
      });
    return this.#closed;
  }
}

const engines = new WeakMap<Database, PatternEngineThread>();

/** The one engine for a database in this process, started on first use. */
export function patternEngine(database: Database): PatternEngineThread {
  let engine = engines.get(database);
  if (!engine) {
    engine = new PatternEngineThread(database);
    engines.set(database, engine);
  }
  return engine;
}

/** Stop a database's engine, if it has one (when the server closes). */
export async function closePatternEngine(database: Database) {
  const engine = engines.get(database);
  engines.delete(database);
  await engine?.close();
}
