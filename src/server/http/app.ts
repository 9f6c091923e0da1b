import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import type { Config } from '../config.js';
import { authenticate } from './authenticate.js';
import { handleError } from './problem.js';
import { checkQueryText, parseJsonBody } from './json-body.js';
import { authRoutes } from './routes/auth.routes.js';
import { structureRoutes } from './routes/structure.routes.js';
import { peopleRoutes } from './routes/people.routes.js';
import { adminRoutes } from './routes/admin.routes.js';
import { safeguardingRoutes } from './routes/safeguarding.routes.js';
import { incidentRoutes } from './routes/incidents.routes.js';
import { analyticsRoutes } from './routes/analytics.routes.js';
import { measureRoutes } from './routes/measures.routes.js';
import { complaintRoutes } from './routes/complaints.routes.js';
import { speakUpRoutes } from './routes/speak-up.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { timelineRoutes } from './routes/timeline.routes.js';
import { restrictionRoutes } from './routes/restrictions.routes.js';
import { practiceReviewRoutes } from './routes/practice-reviews.routes.js';
import { learningRoutes } from './routes/learning.routes.js';
import { themeRoutes } from './routes/themes.routes.js';
import { patternRoutes } from './routes/patterns.routes.js';
import { AppError } from '../errors.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;
export interface RouteDeps { app: App; database: Database; config: Config }

export interface AppOptions {
  database: Database;
  config: Config;
  /** Folder of the built web client; when absent the API is served alone. */
  webRoot?: string;
  logger?: boolean;
}

/** Build the HTTP application: authenticate → validate → authorise (in services) → present. */
export async function buildApp({ database, config, webRoot, logger = false }: AppOptions): Promise<App> {
  const app = Fastify({
    logger: logger ? { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] } : false,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    logController: new LogController({ disableRequestLogging: true }),
    // Random request ids: sequential ones would date a suppressed (anonymous speak-up) request by the gap it leaves.
    genReqId: () => randomUUID(),
    // The router refuses some addresses before any route runs (a broken %-escape, a part over 100 characters): as problems too.
    frameworkErrors: (error, request, reply) => {
      const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long.' : 'The address is not valid.';
      void handleError(new AppError('bad_request', detail), request, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Log the route pattern, never the URL: paths and query strings can carry names, and speak-up
  // reporters must not be traceable through addresses or timings in logs.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonBody);
  app.addHook('preValidation', checkQueryText);

  // Security headers, built once: @fastify/helmet rebuilds its middleware (and re-parses the policy) on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'], styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"], connectSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lantern API', version: '1', description: 'Safeguarding that learns. Errors are application/problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lantern_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(authenticate, { database });

  app.get('/api/v1/health', {
    config: { isPublic: true },
    schema: { tags: ['health'], summary: 'Liveness and database', response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } },
  }, async () => {
    await database.db.selectFrom('organisation').select('id').limit(1).execute();
    return { status: 'ok' as const, database: database.dialect };
  });

  const deps: RouteDeps = { app, database, config };
  authRoutes(deps);
  structureRoutes(deps);
  peopleRoutes(deps);
  adminRoutes(deps);
  safeguardingRoutes(deps);
  incidentRoutes(deps);
  analyticsRoutes(deps);
  measureRoutes(deps);
  complaintRoutes(deps);
  speakUpRoutes(deps);
  // Multipart uploads are parsed only inside the import route's own scope.
  await app.register(importRoutes, { database });
  timelineRoutes(deps);
  restrictionRoutes(deps);
  practiceReviewRoutes(deps);
  learningRoutes(deps);
  themeRoutes(deps);
  patternRoutes(deps);

  if (webRoot && fs.existsSync(path.join(webRoot, 'index.html'))) {
    const assets = path.join(webRoot, 'assets') + path.sep;
    await app.register(fastifyStatic, {
      root: webRoot, wildcard: false, index: false,
      // The build writes .br and .gz beside each script and stylesheet; send the one the browser accepts.
      preCompressed: true,
      // Built files are named for their content, so a browser may keep them for good; anything else it asks again.
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', filePath.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const indexHtml = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/')) throw new AppError('not_found', 'There is no such API route.');
      if (request.method !== 'GET') throw new AppError('not_found', 'Not found.');
      // A file that is not there (a script from an older build, say) is missing, not the app: the page would load
      // blank, as the browser refuses HTML for a script.
      if (request.url.startsWith('/assets/') || /\.[a-z0-9]+(\?|$)/i.test(request.url)) throw new AppError('not_found', 'There is no such file.');
      return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
    });
    app.get('/', (_request, reply) => reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml));
  } else {
    app.setNotFoundHandler(() => {
      throw new AppError('not_found', 'There is no such route.');
    });
  }
  return app;
}
