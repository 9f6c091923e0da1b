// Starts the pattern engine's thread: the engine is TypeScript, run as the rest of Lantern is, through tsx, which a
// new thread must register before loading it.
import { register } from 'tsx/esm/api';

register();
await import('./pattern-engine.worker.ts');
