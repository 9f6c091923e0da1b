import { z } from 'zod';
import { idParam, idText, listOf, rangeInOrder, pageQuery, problemSchema } from '../../../domain/common.js';
import { apiTokenInput, apiTokenSchema, auditEntrySchema, userInput, userSchema, userUpdate, type User } from '../../../domain/organisation.js';
import { roles } from '../../../domain/roles.js';
import { passwordRules } from '../../../domain/auth.js';
import * as users from '../../services/users.service.js';
import { searchAuditTrail } from '../../services/audit.service.js';
import { contextOf } from '../authenticate.js';
import { formatQuery, listOrCsv, type CsvColumns } from '../csv-export.js';
import type { RouteDeps } from '../app.js';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
const tags = ['administration'];
const usersCsv = {
  name: 'users',
  columns: [
    ['id', (u) => u.id], ['name', (u) => u.name], ['email', (u) => u.email], ['role', (u) => u.role], ['all_services', (u) => u.allServices],
    ['services', (u) => u.services.map((s) => s.name).join('; ')], ['disabled', (u) => u.disabled], ['last_sign_in_at', (u) => u.lastSignInAt],
  ] satisfies CsvColumns<User>,
};
const auditCsv = {
  name: 'audit-trail',
  columns: [
    ['id', (e) => e.id], ['at', (e) => e.at], ['actor', (e) => e.actorName], ['action', (e) => e.action], ['entity_kind', (e) => e.entityKind],
    ['entity_id', (e) => e.entityId], ['ip', (e) => e.ip], ['summary', (e) => e.summary],
  ] satisfies CsvColumns<z.infer<typeof auditEntrySchema>>,
};
const userTokenParams = z.strictObject({ id: idText, tokenId: idText });

export function adminRoutes({ app, database }: RouteDeps) {
  app.get('/api/v1/users', {
    schema: {
      tags, summary: 'User accounts (admin); `format=csv` exports every match',
      querystring: z.strictObject({ q: z.string().max(100).optional(), role: z.enum(roles).optional(), ...pageQuery, ...formatQuery }),
      response: { 200: listOf(userSchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, usersCsv, (f) => users.listUsers(contextOf(request, database), f)));

  app.post('/api/v1/users', {
    schema: { tags, summary: 'Create an account (admin)', body: userInput, response: { 201: userSchema, ...problems } },
  }, async (request, reply) => reply.status(201).send(await users.createUser(contextOf(request, database), request.body)));

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'One account (admin)', params: idParam, response: { 200: userSchema, ...problems } },
  }, (request) => users.getUser(contextOf(request, database), request.params.id));

  app.patch('/api/v1/users/:id', {
    schema: { tags, summary: 'Change role, services or status (admin); the user signs in again', params: idParam, body: userUpdate, response: { 200: userSchema, ...problems } },
  }, (request) => users.updateUser(contextOf(request, database), request.params.id, request.body));

  app.post('/api/v1/users/:id/password', {
    schema: { tags, summary: 'Set a new password for an account (admin); its sessions end', params: idParam, body: z.strictObject({ newPassword: passwordRules }), response: { 204: z.null(), ...problems } },
  }, async (request, reply) => {
    await users.resetPassword(contextOf(request, database), request.params.id, request.body.newPassword);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/users/:id/tokens', {
    schema: { tags, summary: 'API tokens of an account (admin)', params: idParam, response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...problems } },
  }, async (request) => ({ items: await users.listApiTokens(contextOf(request, database), request.params.id) }));

  app.post('/api/v1/users/:id/tokens', {
    schema: {
      tags, summary: 'Issue a bearer API token (admin); the token is shown once', params: idParam, body: apiTokenInput,
      response: { 201: apiTokenSchema.extend({ token: z.string() }), ...problems },
    },
  }, async (request, reply) =>
    reply.status(201).send(await users.issueApiToken(contextOf(request, database), request.params.id, request.body.name, request.body.expiresInDays)));

  app.delete('/api/v1/users/:id/tokens/:tokenId', {
    schema: { tags, summary: 'Revoke an API token (admin)', params: userTokenParams, response: { 204: z.null(), ...problems } },
  }, async (request, reply) => {
    await users.revokeApiToken(contextOf(request, database), request.params.id, request.params.tokenId);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/audit', {
    schema: {
      tags, summary: 'Search the audit trail (admin); `format=csv` exports every match',
      querystring: z.strictObject({
        entityKind: z.string().max(40).optional(), entityId: z.string().max(40).optional(),
        actorUserId: idText.optional(), action: z.string().max(20).optional(),
        from: z.string().max(30).optional(), to: z.string().max(30).optional(), ...pageQuery, ...formatQuery,
      }).refine(...rangeInOrder),
      response: { 200: listOf(auditEntrySchema), ...problems },
    },
  }, async (request, reply) => listOrCsv(reply, request.query, auditCsv, (f) => searchAuditTrail(contextOf(request, database), f)));
}
