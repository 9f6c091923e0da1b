import type { z } from 'zod';
import { problemSchema, type Problem } from '../../domain/common.js';

/** A failed API call, carrying the server's problem+json (or one made up for network failures). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  get fieldErrors(): { path: string; message: string }[] {
    return this.problem.errors ?? [];
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

// The session cookie is HttpOnly; the CSRF token that must accompany every change comes from
// /me or the sign-in answer and is kept here, in memory only.
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | undefined;
/** Called when any request (other than signing in) answers 401: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

const SIGN_IN_PATH = '/api/v1/auth/sign-in';

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function madeUpProblem(status: number, detail: string): Problem {
  return { type: 'about:blank', title: 'Something went wrong', status, detail };
}

async function problemFrom(response: Response): Promise<Problem> {
  try {
    const parsed = problemSchema.safeParse(await response.json());
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: fall through to a plain message.
  }
  return madeUpProblem(response.status, `Something went wrong (error ${response.status}). Please try again.`);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function call(method: Method, path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(madeUpProblem(0, 'Lantern could not be reached. Check your connection and try again.'));
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && path !== SIGN_IN_PATH) onUnauthenticated?.();
    throw new ApiError(problem);
  }
  return response;
}

async function parse<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const result = schema.safeParse(await response.json());
  if (!result.success) {
    console.error('Unexpected API answer', response.url, result.error.issues);
    throw new ApiError(madeUpProblem(502, 'The server sent an answer Lantern did not expect. Please reload the page.'));
  }
  return result.data;
}

/** GET a resource and check it against its shared zod schema. */
export async function get<S extends z.ZodType>(path: string, schema: S, query?: Query, signal?: AbortSignal): Promise<z.output<S>> {
  return parse(await call('GET', withQuery(path, query), undefined, signal), schema);
}

/** Send a change (with the CSRF token) and check the answer against its schema. */
export async function send<S extends z.ZodType>(method: Exclude<Method, 'GET'>, path: string, body: unknown, schema: S): Promise<z.output<S>> {
  return parse(await call(method, path, body), schema);
}

/** Send a change whose answer is 204 No Content. */
export async function sendNoContent(method: Exclude<Method, 'GET'>, path: string, body?: unknown): Promise<void> {
  await call(method, path, body);
}

/** The CSRF token of the current session, for requests not sent through `call` (such as file uploads with progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}
