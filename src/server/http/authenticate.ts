import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../../db/connection.js';
import { AppError, unauthenticated } from '../errors.js';
import type { Actor } from '../policies/actor.js';
import type { Context } from '../context.js';
import { resolveApiToken, resolveSession } from '../services/auth.service.js';

export const SESSION_COOKIE = 'lantern_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    sessionId?: string;
    csrfToken?: string;
  }
  interface FastifyContextConfig {
    /** The route needs no signed-in user. */
    isPublic?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a cookie-authenticated change carries its session's security token. */
export const hasCsrfToken = (request: FastifyRequest) => request.headers['x-csrf-token'] === request.csrfToken;
export const missingCsrfToken = () => new AppError('forbidden', 'This request is missing its security token (X-CSRF-Token). Reload the page and try again.');

/** Resolve the caller from a bearer token or the session cookie; enforce CSRF on cookie-authenticated changes. */
export const authenticate = fp((app: FastifyInstance, opts: { database: Database }, done: (error?: Error) => void) => {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await resolveApiToken(opts.database, header.slice(7).trim());
      if (!actor) throw unauthenticated();
      request.actor = actor;
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const session = await resolveSession(opts.database, cookie);
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
        request.csrfToken = session.csrfToken;
      }
    }
    if (request.routeOptions.config.isPublic) return;
    if (!request.actor) throw unauthenticated();
    if (!SAFE_METHODS.has(request.method) && !hasCsrfToken(request)) throw missingCsrfToken();
  });
  done();
});

/** The use-case context for a signed-in request. */
export function contextOf(request: FastifyRequest, database: Database): Context {
  if (!request.actor) throw unauthenticated();
  return { database, actor: request.actor, ip: request.ip };
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/', expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' });
}
