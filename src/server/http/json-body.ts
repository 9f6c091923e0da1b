import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

// Node 20 has String.prototype.isWellFormed, but the ES2023 library (kept so that Node 21 APIs such as
// Map.groupBy are refused at compile time) does not declare it.
declare global {
  interface String {
    isWellFormed(): boolean;
  }
}

/** Deeper than any body Lantern takes (an incident's episode's staff is four levels): a value nested past it is refused. */
const MAX_DEPTH = 32;

/**
 * Walk a parsed body without recursion (a body can nest 100,000 arrays deep): the first string a database cannot
 * store (a NUL or a lone surrogate), by path, or the body being nested too deeply to be a real request.
 */
function findProblem(body: unknown): { kind: 'text'; path: string } | { kind: 'depth' } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000') || !value.isWellFormed()) return { kind: 'text', path: path.join('.') || '(body)' };
    } else if (value && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) return { kind: 'depth' };
      // Pushed in reverse, so that the first problem in reading order is the one named.
      for (const [key, child] of Object.entries(value).reverse()) stack.push({ value: child, path: [...path, key] });
    }
  }
  return undefined;
}

const unstorableText = (path: string) =>
  new AppError('validation', `The text in ${path} contains characters that cannot be stored.`, [{ path, message: 'Contains characters that cannot be stored' }]);

/** Query strings are checked as bodies are: a NUL in `?q=` would otherwise reach PostgreSQL, which refuses it with a 500. */
export function checkQueryText(request: FastifyRequest, _reply: unknown, done: (error?: Error) => void) {
  const problem = findProblem(request.query);
  done(problem?.kind === 'text' ? unstorableText(`query.${problem.path}`) : undefined);
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
  const problem = findProblem(value);
  if (problem?.kind === 'depth') {
    done(new AppError('bad_request', `The request body is nested more than ${MAX_DEPTH} levels deep.`));
    return;
  }
  if (problem) {
    done(unstorableText(problem.path));
    return;
  }
  done(null, value);
}
