import { z } from 'zod';
import { changePasswordBody, meResponse, signInBody, signInResponse } from '../../../domain/auth.js';
import { problemSchema } from '../../../domain/common.js';
import { changePassword, signIn, signOut } from '../../services/auth.service.js';
import { myServices } from '../../services/structure.service.js';
import { clearSessionCookie, contextOf, hasCsrfToken, missingCsrfToken, setSessionCookie } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 429: problemSchema };

export function authRoutes({ app, database, config }: RouteDeps) {
  app.post('/api/v1/auth/sign-in', {
    config: { isPublic: true },
    schema: { tags: ['auth'], summary: 'Sign in with email and password', body: signInBody, response: { 200: signInResponse, ...problems } },
  }, async (request, reply) => {
    const result = await signIn(database, request.body.email, request.body.password, request.ip, config.SESSION_HOURS);
    setSessionCookie(request, reply, result.sessionToken, result.expiresAt);
    const { userId, email, name, role } = result.actor;
    return { user: { id: userId, email, name, role }, csrfToken: result.csrfToken };
  });

  app.post('/api/v1/auth/sign-out', {
    config: { isPublic: true },
    schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null(), ...problems } },
  }, async (request, reply) => {
    // Public, so that a browser whose session has ended can still clear its cookie; a live session ends only with its
    // security token, so that another site cannot sign someone out.
    if (request.actor && request.sessionId) {
      if (!hasCsrfToken(request)) throw missingCsrfToken();
      await signOut(contextOf(request, database), request.sessionId);
    }
    clearSessionCookie(request, reply);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, their CSRF token and services', response: { 200: meResponse, ...problems } },
  }, async (request) => {
    const ctx = contextOf(request, database);
    const actor = request.actor!;
    return {
      user: { id: actor.userId, email: actor.email, name: actor.name, role: actor.role },
      csrfToken: request.csrfToken ?? '',
      allServices: actor.services === 'all',
      services: await myServices(ctx),
    };
  });

  app.post('/api/v1/auth/password', {
    schema: { tags: ['auth'], summary: 'Change your own password', body: changePasswordBody, response: { 204: z.null(), ...problems } },
  }, async (request, reply) => {
    await changePassword(contextOf(request, database), request.sessionId, request.body.currentPassword, request.body.newPassword);
    return reply.status(204).send(null);
  });
}
