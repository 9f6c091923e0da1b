import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus, type ErrorCode, type FieldError } from '../errors.js';

function sendProblem(reply: FastifyReply, error: AppError) {
  return reply.status(error.status).type('application/problem+json').send(error.toProblem());
}

function codeForStatus(status: number): ErrorCode {
  const entry = Object.entries(errorStatus).find(([, s]) => s === status);
  return (entry?.[0] as ErrorCode | undefined) ?? 'bad_request';
}

/** Zod's wording for a missing value is 'expected X, received undefined': say 'Required'. */
function friendly(message: string | undefined): string {
  if (!message) return 'Invalid value';
  return /received undefined$/.test(message) ? 'Required' : message;
}

const contextPrefix: Record<string, string> = { body: '', querystring: 'query', params: 'path', headers: 'header' };

/** One error handler: application errors and client mistakes become problem+json; anything else a bland 500. */
export function handleError(error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendProblem(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = contextPrefix[error.validationContext ?? 'body'] ?? '';
    const fields: FieldError[] = error.validation.flatMap((v) => {
      const base = v.instancePath.split('/').filter(Boolean);
      const keys = v.keyword === 'unrecognized_keys' ? ((v.params as { keys?: string[] }).keys ?? []) : [undefined];
      return keys.map((key) => ({
        path: [prefix, ...base, key].filter(Boolean).join('.') || '(body)',
        message: v.keyword === 'unrecognized_keys' ? 'Unknown field' : friendly(v.message),
      }));
    });
    return sendProblem(reply, new AppError('validation', `Please correct: ${fields.map((f) => f.path).join(', ')}.`, fields));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const detail =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'The request body is larger than the limit.'
      : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'Send the body as application/json.'
      : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is empty.'
      : status === 400 ? 'The request body is not valid JSON.'
      : status === 429 ? 'Too many requests. Wait a moment and try again.'
      : 'The request could not be handled.';
    return sendProblem(reply, new AppError(codeForStatus(status), detail));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).type('application/problem+json').send({
    type: 'https://lantern.example/problems/internal', title: 'Something went wrong', status: 500,
    detail: 'Something went wrong on our side. It has been logged; please try again.',
  });
}
