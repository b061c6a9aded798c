import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type RouteOptions } from 'fastify';
import compress from '@fastify/compress';
import { installJsonGzip } from './http/json-gzip.ts';
import cookie from '@fastify/cookie';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import './http/context.ts';
import { installCrossSiteProtection, REQUEST_HEADER_VALUE } from './http/cross-site.ts';
import { safeLogger } from './http/log.ts';
import { createAttemptLimiter } from './modules/auth/attempts.ts';
import { installErrorHandler } from './http/errors.ts';
import { installInputGuard } from './http/input-guard.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { requireSession, sessionPlugin } from './modules/auth/session.plugin.ts';
import { APP_VERSION, healthRoutes } from './modules/health/health.routes.ts';
import { municipalitiesRoutes } from './modules/municipalities/municipalities.routes.ts';
import { organizationsRoutes } from './modules/organizations/organizations.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { teachersModule } from './modules/teachers/index.ts';
import { registersModule } from './modules/registers/index.ts';
import { exchangeModule } from './modules/exchange/index.ts';
import { programsRoutes } from './modules/programs/programs.routes.ts';
import { indicatorsRoutes } from './modules/indicators/indicators.routes.ts';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { analysisRoutes } from './modules/analysis/analysis.routes.ts';
import { managementRoutes } from './modules/management/management.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { iomRoutes } from './modules/iom/iom.routes.ts';
import { cabinetRoutes } from './modules/cabinet/cabinet.routes.ts';
import { todoRoutes } from './modules/todo/todo.routes.ts';
import { installRussianMessages } from './http/zod-messages.ts';
import { practicesRoutes } from './modules/practices/practices.routes.ts';
import { difficultiesRoutes } from './modules/difficulties/difficulties.routes.ts';
import { surveysRoutes } from './modules/surveys/surveys.routes.ts';
import { groupsRoutes } from './modules/groups/groups.routes.ts';
import { regionalRoutes } from './modules/regional/regional.routes.ts';
import { publishingRoutes } from './modules/publishing/publishing.routes.ts';
import { regionalAnalysisRoutes } from './modules/regional/analysis.routes.ts';
import { approvalRoutes } from './modules/regional/approval.routes.ts';
import { mukoRoutes } from './modules/regional/muko.routes.ts';
import { websitesRoutes } from './modules/websites/websites.routes.ts';
import { communicationsRoutes } from './modules/communications/communications.routes.ts';

installRussianMessages(z);

/** Every domain module registers its routes here, in one list. */
const MODULES = [
  healthRoutes,
  authRoutes,
  municipalitiesRoutes,
  organizationsRoutes,
  usersRoutes,
  auditRoutes,
  teachersModule,
  registersModule,
  exchangeModule,
  programsRoutes,
  indicatorsRoutes,
  campaignsRoutes,
  notificationsRoutes,
  analysisRoutes,
  managementRoutes,
  documentsRoutes,
  iomRoutes,
  cabinetRoutes,
  todoRoutes,
  practicesRoutes,
  difficultiesRoutes,
  surveysRoutes,
  groupsRoutes,
  regionalRoutes,
  regionalAnalysisRoutes,
  approvalRoutes,
  mukoRoutes,
  websitesRoutes,
  communicationsRoutes,
  publishingRoutes,
];

export interface BuildAppOptions {
  database: Database;
  config: Config;
  logger?: boolean | object;
  /** Called for every route as it is registered: tests sweep the whole API with it. */
  onRoute?: (route: RouteOptions) => void;
}

export async function buildApp({
  database,
  config,
  logger = false,
  onRoute,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: safeLogger(logger),
    bodyLimit: 5 * 1024 * 1024,
    genReqId: () => Math.random().toString(36).slice(2, 10),
    trustProxy: config.trustProxy,
    // A malformed address (e.g. a broken %-escape) in the same Russian error format as everything else.
    frameworkErrors: (_error, _request, reply: FastifyReply) =>
      reply.status(400).send({
        error: {
          code: 'bad_request',
          message: 'Некорректный адрес запроса: проверьте %-кодирование.',
          details: null,
        },
      }),
  });
  if (onRoute) app.addHook('onRoute', onRoute);
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate(
    'passwordAttempts',
    createAttemptLimiter({ max: config.loginMaxAttempts, windowMs: config.loginWindowMinutes * 60_000 }),
  );
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installCrossSiteProtection(app, { allowedOrigins: config.allowedOrigins });
  installInputGuard(app);

  registerSecurityHeaders(app, config);
  // A school head on a slow connection: JSON tables of a region and the web bundle shrink 5–10 times. The
  // API's JSON is gzipped by one call off the event loop (http/json-gzip.ts); the rest by @fastify/compress.
  installJsonGzip(app, { threshold: 2048 });
  await app.register(compress, { global: true, threshold: 2048, encodings: ['gzip', 'deflate'] });
  await app.register(cookie);
  // Multipart bodies are not held to bodyLimit. 50 MB is the ceiling (the files of management); the import and
  // the campaign form read theirs under PEDMONITOR_UPLOAD_MAX_MB (http/upload.ts).
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'pedmonitor API',
        description:
          'API системы мониторинга профессионального развития педагогических работников. ' +
          'Аутентификация — cookie сессии после POST /api/auth/login. Запросы, изменяющие данные (POST, PUT, ' +
          `PATCH, DELETE, вход и выход тоже), передают заголовок \`X-Requested-With: ${REQUEST_HEADER_VALUE}\` ` +
          '(защита от подделки межсайтовых запросов; без него — 403 `cross_site_refused`); чтобы «Try it out» ' +
          'работал, введите его в Authorize. Ошибки: `{ error: { code, message, details } }`.',
        version: APP_VERSION,
      },
      components: {
        securitySchemes: {
          clientHeader: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Requested-With',
            description: `Значение: ${REQUEST_HEADER_VALUE}. Обязателен для запросов, изменяющих данные.`,
          },
        },
      },
      security: [{ clientHeader: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(sessionPlugin);
  await app.register(async (api) => {
    api.addHook('onRequest', requireSession);
    for (const routes of MODULES) await api.register(routes);
  });
  await registerWeb(app, config.webDist);
  return app;
}

/**
 * Security headers on every answer (helmet). The CSP allows only the app's own scripts; styles may
 * be inline (Mantine and ECharts set style attributes and inject <style>); images may be data:/blob: URLs
 * (charts, previews); no site may frame the app (frame-ancestors 'none', X-Frame-Options: DENY) — except the
 * embeddable blocks under /embed/ (a published report's or an organization's figures, no actions, no login),
 * which school and department sites put in an iframe: those pages alone allow any frame ancestor.
 * HSTS only when the cookie is marked secure, i.e. the app is served over HTTPS.
 */
function registerSecurityHeaders(app: FastifyInstance, config: Config) {
  // Helmet's middleware is built once: @fastify/helmet built it again on every request (its directives
  // parsed, its middlewares listed), 0.07 ms a request, from two onRequest hooks.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: config.cookieSecure ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  app.addHook('onSend', async (req, reply, payload) => {
    if (isEmbedPath(req.url)) {
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string')
        reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
      reply.removeHeader('x-frame-options');
    }
    return payload;
  });
}

/** The embeddable pages (not their data, which the API answers under /api/public/). */
export const isEmbedPath = (url: string) => /^\/embed\/(campaigns|organizations)\/\d+\/?(\?|$)/.test(url);

/** The built single-page app, with every non-API path answered by index.html (client-side routing). */
async function registerWeb(app: FastifyInstance, webDist: string) {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>pedmonitor</title>' +
            '<p>Веб-интерфейс не собран. Выполните <code>npm run build</code> или запустите <code>npm start</code>.</p>',
        ),
    );
    app.get('/embed/*', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>pedmonitor</title><p>Веб-интерфейс не собран.</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  const sendIndex = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  app.get('/', sendIndex);
  app.get('/*', async (req, reply) => {
    if (req.url.startsWith('/api/')) {
      return reply.status(404).send({
        error: { code: 'not_found', message: `Адрес ${req.method} ${req.url} не найден.`, details: null },
      });
    }
    return sendIndex(req, reply);
  });
}
