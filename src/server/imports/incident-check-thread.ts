import { Worker } from 'node:worker_threads';
import type { CheckJob, CheckResult, RowsBatch } from './incident-check.js';

export interface CheckerRequest { id: number; job: CheckJob }
export type CheckerReply =
  | { id: 0; type: 'ready' }
  | { id: number; type: 'batch'; batch: RowsBatch }
  | { id: number; type: 'done'; result: CheckResult }
  | { id: number; type: 'failed'; error: string };

interface Pending { onBatch: (batch: RowsBatch) => void; resolve: (result: CheckResult) => void; reject: (error: Error) => void }

/**
 * The thread that checks the rows of incidents files (checkIncidents), so that the request thread can write the
 * incidents already checked while later rows are being checked: on two cores an import takes about the longer of
 * the two rather than both. One thread serves the process, started with the server (a new thread takes most of a
 * second to load its code) and kept; an idle one never keeps the process alive.
 */
class IncidentChecker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /** Resolves once the thread has loaded its code, or has failed to (the first import then reports why). */
  readonly ready: Promise<void>;

  constructor(onStopped: (stopped: IncidentChecker) => void) {
    this.#worker = new Worker(new URL('./incident-check.worker.mjs', import.meta.url));
    this.#worker.unref();
    let isReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => { isReady = resolve; });
    this.#worker.on('message', (reply: CheckerReply) => {
      if (reply.type === 'ready') {
        isReady();
        return;
      }
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      if (reply.type === 'batch') {
        pending.onBatch(reply.batch);
        return;
      }
      this.#pending.delete(reply.id);
      if (!this.#pending.size) this.#worker.unref();
      if (reply.type === 'done') pending.resolve(reply.result);
      else pending.reject(new Error(`Checking the file failed: ${reply.error}`));
    });
    const fail = (error: Error) => {
      isReady();
      onStopped(this);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', () => fail(new Error('The thread that checks incidents files stopped.')));
  }

  check(job: CheckJob, onBatch: (batch: RowsBatch) => void): Promise<CheckResult> {
    return new Promise<CheckResult>((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { onBatch, resolve, reject });
      this.#worker.ref();
      this.#worker.postMessage({ id, job } satisfies CheckerRequest);
    });
  }
}

let checker: IncidentChecker | null = null;

/** Start the checking thread now, so that the first import does not wait for it to load; resolves once it has (or could not). */
export function startIncidentChecker(): Promise<void> {
  // A thread that stops is forgotten, so that the next import starts another.
  checker ??= new IncidentChecker((stopped) => { if (checker === stopped) checker = null; });
  return checker.ready;
}

/** Check an incidents file on the checking thread; `onBatch` is given each batch of rows to write, in order. */
export function checkOnThread(job: CheckJob, onBatch: (batch: RowsBatch) => void): Promise<CheckResult> {
  void startIncidentChecker();
  return checker!.check(job, onBatch);
}
