// Starts the thread that checks incidents files: the checker is TypeScript, run as the rest of Lantern is, through
// tsx, which a new thread must register before loading it.
import { register } from 'tsx/esm/api';

register();
await import('./incident-check.worker.ts');
