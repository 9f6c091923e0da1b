import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../../db/connection.js';
import { problemSchema } from '../../../domain/common.js';
import { importKinds, importReportSchema } from '../../../domain/imports.js';
import { AppError, invalid } from '../../errors.js';
import * as imports from '../../services/imports.service.js';
import { contextOf } from '../authenticate.js';

/** The largest file accepted (a year of a large provider's incidents is well under this). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const fieldsSchema = z.object({
  kind: z.enum(importKinds, { error: `Use one of ${importKinds.join(', ')}` }),
  dryRun: z.enum(['true', 'false', 'Y', 'N', 'y', 'n', '1', '0']).optional(),
});

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema };

/** `POST /api/v1/imports`: multipart upload (kind, file, dryRun); multipart parsing is registered for this route only. */
export async function importRoutes(scope: FastifyInstance, { database }: { database: Database }) {
  await scope.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 20 } });
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/imports', {
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      summary: 'Import services, people, staff, occupancy, incidents, safeguarding concerns or complaints from CSV or XLSX (see docs/import.md)',
      response: { 200: importReportSchema, 422: importReportSchema, ...problems },
    },
  }, async (request, reply) => {
    const ctx = contextOf(request, database);
    imports.assertMayImport(ctx);
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send multipart/form-data with the fields kind, file and dryRun.');
    const fields: Record<string, string> = {};
    let file: { buffer: Buffer; filename: string } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          const buffer = await part.toBuffer();
          if (part.fieldname === 'file') file = { buffer, filename: part.filename };
        } else {
          fields[part.fieldname] = String(part.value);
        }
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('payload_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it into smaller files.`);
      }
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw new AppError('payload_too_large', 'Send one file, with the fields kind and dryRun.');
      }
      // The multipart reader's own errors (no boundary, a body cut short, not multipart at all) are the sender's.
      throw new AppError('bad_request', 'The upload could not be read: send multipart/form-data with the fields kind, file and dryRun.');
    }
    const parsed = fieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(String(issue.path[0] ?? 'kind'), issue.message);
    }
    if (!file) throw invalid('file', 'Attach the file to import (CSV or XLSX).');
    const report = await imports.runImport(ctx, {
      kind: parsed.data.kind, file, isDryRun: ['true', 'Y', 'y', '1'].includes(parsed.data.dryRun ?? 'false'),
    });
    return reply.status(report.errors.length ? 422 : 200).send(report);
  });
}
