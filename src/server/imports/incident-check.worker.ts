// The thread that checks incidents files (see incident-check-thread.ts): one job at a time, in the order asked.
import { parentPort } from 'node:worker_threads';
import { checkIncidents } from './incident-check.js';
import type { CheckerReply, CheckerRequest } from './incident-check-thread.js';

const port = parentPort!;
port.on('message', ({ id, job }: CheckerRequest) => {
  const reply = (message: CheckerReply) => port.postMessage(message);
  try {
    const result = checkIncidents(job, (batch) => reply({ id, type: 'batch', batch }));
    reply({ id, type: 'done', result });
  } catch (error) {
    reply({ id, type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
port.postMessage({ id: 0, type: 'ready' } satisfies CheckerReply);
