import type { ZodError } from 'zod';

/** The closed set of application error codes, mapped to HTTP status in one place. */
export const errorStatus = {
  bad_request: 400,
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
} as const;
export type ErrorCode = keyof typeof errorStatus;

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation: 'Some details need correcting',
  unauthenticated: 'Sign-in needed',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Too large',
  unsupported_media_type: 'Unsupported content type',
  unprocessable: 'Could not be processed',
  too_many_requests: 'Too many attempts',
};

export interface FieldError { path: string; message: string }

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(detail);
  }
  get status(): number {
    return errorStatus[this.code];
  }
  toProblem() {
    return {
      type: `https://lantern.example/problems/${this.code}`,
      title: titles[this.code],
      status: this.status,
      detail: this.detail,
      ...(this.fieldErrors.length ? { errors: this.fieldErrors } : {}),
    };
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `No such ${what}, or you do not have access to it.`);
export const forbidden = (detail = 'Your role does not allow this.') => new AppError('forbidden', detail);
export const unauthenticated = () => new AppError('unauthenticated', 'Sign in to continue.');
export const conflict = (detail: string, path?: string) =>
  new AppError('conflict', detail, path ? [{ path, message: detail }] : []);
export const invalid = (path: string, message: string) => new AppError('validation', message, [{ path, message }]);

/** Turn zod issues into field errors named by their dotted path. */
export function fromZod(error: ZodError, prefix?: string): AppError {
  const fieldErrors = error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((key) => {
      const parts = [prefix, ...issue.path.map(String), key].filter((p): p is string => p !== undefined && p !== '');
      return {
        path: parts.join('.') || '(body)',
        message: issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message,
      };
    });
  });
  const flat = fieldErrors.flat();
  return new AppError('validation', `Please correct: ${flat.map((e) => e.path).join(', ')}.`, flat);
}
