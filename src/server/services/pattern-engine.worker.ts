// The pattern engine's own thread: it holds every record's facts in memory and runs the detectors here, so a run never
// holds up the requests the main thread is answering. Messages come from PatternEngineThread.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { themesIn } from '../../analytics/themes/query.js';
import { openDatabase, type DatabaseSource } from '../../db/connection.js';
import { PatternEngine } from './pattern-engine.js';
import type { EngineReply, EngineRequest, StoreReply } from './pattern-engine-thread.js';
import { storeOperations, type EngineStore } from './pattern-store.js';

/**
 * Findings can wait; a support worker saving an incident should not. On Linux a thread has its own priority, so this
 * one gives way to the request thread whenever both want a core (elsewhere it runs at the process's priority).
 */
function giveWayToRequests() {
  try {
    // "<pid>/task/<tid>": only when /proc is this process's own (not a parent namespace's) is <tid> this thread.
    const [pid, , tid] = fs.readlinkSync('/proc/thread-self').split('/').map(Number);
    if (pid === process.pid && Number.isInteger(tid) && tid !== pid) os.setPriority(tid!, os.constants.priority.PRIORITY_LOW);
  } catch { /* not Linux, or not allowed: run at the process's priority */ }
}
giveWayToRequests();

const source = (workerData as { source: DatabaseSource }).source;
// This connection only reads: the request thread checkpoints SQLite's log, and writes what the engine finds.
const database = openDatabase(source.url, { ...(source.searchPath ? { searchPath: source.searchPath } : {}), poolSize: 3, checkpointInBackground: false });
const port = parentPort!;

const writes = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
let nextWrite = 1;
// Each store operation, sent to the request thread to run there; it resolves with that thread's answer.
const store = Object.fromEntries(storeOperations.map((op) => [op, (...args: unknown[]) => new Promise<unknown>((resolve, reject) => {
  const id = nextWrite++;
  writes.set(id, { resolve, reject });
  port.postMessage({ type: 'store', id, op, args });
})])) as unknown as EngineStore;
const engine = new PatternEngine(database, store);

async function answer(request: Exclude<EngineRequest, { type: 'schedule' }>): Promise<unknown> {
  switch (request.type) {
    case 'runNow': return engine.runNow(request.reason, request.full);
    case 'themes': return themesIn(await engine.currentFacts(), request.query);
    case 'close':
      await engine.close();
      await database.close();
      return null;
  }
}

port.on('message', (request: EngineRequest | StoreReply) => {
  if (request.type === 'stored') {
    const waiting = writes.get(request.id);
    writes.delete(request.id);
    if (request.ok) waiting?.resolve(request.value);
    else waiting?.reject(new Error(request.error));
    return;
  }
  if (request.type === 'schedule') {
    engine.schedule(request.reason, request.full);
    return;
  }
  answer(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies EngineReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies EngineReply),
  );
});
