import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

// Node 20 has String.prototype.isWellFormed, but the ES2023 library (kept so that Node 21 APIs such as
// Map.groupBy are refused at compile time) does not declare it.
declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

/** The first string in a JSON value that a database cannot store (a NUL or a lone surrogate), by path. */
function findUnstorableText(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') || !value.isWellFormed() ? path.join('.') || '(body)' : undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = findUnstorableText(child, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/** Parse a JSON body, refusing malformed JSON and text that neither database can store. */
export function parseJsonBody(_request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    done(new AppError('bad_request', 'The request body is not valid JSON.'));
    return;
  }
  const path = findUnstorableText(value);
  if (path) {
    done(new AppError('validation', `The text in ${path} contains characters that cannot be stored.`, [{ path, message: 'Contains characters that cannot be stored' }]));
    return;
  }
  done(null, value);
}
