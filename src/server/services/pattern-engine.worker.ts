// The pattern engine's own thread: it holds every record's facts in memory and runs the detectors here, so a run never
// holds up the requests the main thread is answering. Messages come from PatternEngineThread.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { themesIn } from '../../analytics/themes/query.js';
import { openDatabase, type DatabaseSource } from '../../db/connection.js';
import { PatternEngine } from './pattern-engine.js';
import type { EngineReply, EngineRequest } from './pattern-engine-thread.js';

/**
 * Findings can wait; a support worker saving an incident should not. On Linux a thread has its own priority, so this
 * one gives way to the request thread whenever both want a core (elsewhere it runs at the process's priority).
 */
function giveWayToRequests() {
  try {
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId !== process.pid) os.setPriority(threadId, os.constants.priority.PRIORITY_LOW);
  } catch { /* not Linux, or not allowed: run at the process's priority */ }
}
giveWayToRequests();

const source = (workerData as { source: DatabaseSource }).source;
// The main thread's connection checkpoints SQLite's log; this one only reads records and writes findings.
const database = openDatabase(source.url, { ...(source.searchPath ? { searchPath: source.searchPath } : {}), poolSize: 3, checkpointInBackground: false });
const engine = new PatternEngine(database);
const port = parentPort!;

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

port.on('message', (request: EngineRequest) => {
  if (request.type === 'schedule') {
    engine.schedule(request.reason, request.full);
    return;
  }
  answer(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies EngineReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies EngineReply),
  );
});
