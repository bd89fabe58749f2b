import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { resolveActor } from './auth/service.ts';
import { SESSION_COOKIE } from './auth/tokens.ts';
import { budgetRoutes } from './budget/routes.ts';
import { calendarRoutes } from './calendar/routes.ts';
import type { Config } from './config.ts';
import { criteriaRoutes } from './criteria/routes.ts';
import type { Database } from './db/database.ts';
import { documentsRoutes } from './documents/routes.ts';
import { open311Routes } from './feedback/open311.ts';
import { feedbackRoutes } from './feedback/routes.ts';
import { filesRoutes } from './files/routes.ts';
import { AppError, errorBody, fromDatabaseError } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { installReadOnly } from './http/read-only.ts';
import { defineRoute, registerRoute } from './http/route.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installVietnameseZodErrors } from './http/zod-vi.ts';
import { indicesRoutes } from './indices/routes.ts';
import { notifyRoutes } from './notify/routes.ts';
import { installMetrics } from './ops/metrics.ts';
import { orgRoutes } from './org/routes.ts';
import { outreachRoutes } from './outreach/routes.ts';
import { planExportRoutes } from './plans/export-routes.ts';
import { plansRoutes } from './plans/routes.ts';
import { publicRoutes } from './public/routes.ts';
import { reportsPublicRoutes } from './reports/public-routes.ts';
import { reportsRoutes } from './reports/routes.ts';
import { rewardsRoutes } from './rewards/routes.ts';
import { satisfactionPublicRoutes } from './satisfaction/public-routes.ts';
import { satisfactionRoutes } from './satisfaction/routes.ts';
import { usersRoutes } from './users/routes.ts';
import { villageAssessmentRoutes } from './village-assessments/routes.ts';

installVietnameseZodErrors();

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Fastify errors that come from the request, with a Vietnamese sentence each. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', 400, 'Dữ liệu gửi lên không phải JSON hợp lệ.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 413, 'Dữ liệu gửi lên quá lớn.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(
        'unsupported_media_type',
        415,
        'Kiểu dữ liệu gửi lên không được hỗ trợ; hãy gửi JSON.',
      );
  }
  if (error instanceof SyntaxError)
    return new AppError('invalid_json', 400, 'Dữ liệu gửi lên không phải JSON hợp lệ.');
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new AppError('validation_error', status, 'Yêu cầu không hợp lệ.');
  return null;
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Where log lines go (tests read them); stdout by default. */
  logStream?: { write(line: string): void };
}

export async function buildApp({ config, database, logStream }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      ...(logStream ? { stream: logStream } : {}),
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // a hop count is accepted at run time though the types omit it
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // long ids reach our validation and get its Vietnamese 400
    routerOptions: { maxParamLength: 1000 },
    frameworkErrors: (_error, req, reply: FastifyReply) => {
      reply
        .code(400)
        .header('x-request-id', req.id)
        .send(errorBody('validation_error', 'Địa chỉ yêu cầu không hợp lệ.'));
    },
  });
  app.decorate('cqttRoutes', []);
  app.decorateRequest('ctx', null as never);

  await app.register(fastifyCookie);
  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });

  const metrics = installMetrics(app, database);
  installReadOnly(app, config.readOnly);

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const ctx = {
      db: database.db,
      config,
      actor: null,
      requestId: req.id,
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? ''),
    };
    req.ctx = ctx;
    if (!req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    req.ctx = {
      ...ctx,
      actor: await resolveActor(database.db, {
        bearer,
        sessionToken: bearer ? undefined : req.cookies[SESSION_COOKIE],
      }),
    };
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs'))
      reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const known = error instanceof AppError ? error : (fromDatabaseError(error) ?? fromFastifyError(error));
    if (known) {
      if (known.status === 401 || known.status === 403) {
        req.log.warn(
          { code: known.code, actor: req.ctx?.actor?.username ?? null, route: req.routeOptions.url },
          'access refused',
        );
      }
      return reply.code(known.status).send(errorBody(known.code, known.message, known.details));
    }
    req.log.error({ err: error }, 'unexpected error');
    return reply
      .code(500)
      .send(
        errorBody(
          'internal_error',
          `Đã có lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên mã yêu cầu ${req.id}.`,
          { requestId: req.id },
        ),
      );
  });

  // Meta routes
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/health',
      tag: 'ops',
      summary: 'Tình trạng máy chủ và cơ sở dữ liệu',
      access: 'public',
      response: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }),
      handler: async ({ ctx }) => {
        await ctx.db.selectFrom('cities').select('id').limit(1).execute();
        return { status: 'ok' as const, db: database.kind };
      },
    }),
  );
  authRoutes(app);
  orgRoutes(app);
  usersRoutes(app);
  auditRoutes(app);
  notifyRoutes(app);
  filesRoutes(app);
  planExportRoutes(app);
  plansRoutes(app);
  criteriaRoutes(app);
  publicRoutes(app);
  satisfactionRoutes(app);
  satisfactionPublicRoutes(app);
  feedbackRoutes(app);
  await open311Routes(app);
  budgetRoutes(app);
  outreachRoutes(app);
  villageAssessmentRoutes(app);
  rewardsRoutes(app);
  calendarRoutes(app);
  documentsRoutes(app);
  reportsRoutes(app);
  reportsPublicRoutes(app);
  indicesRoutes(app);

  const openapi = buildOpenApi(app.cqttRoutes);
  app.get('/api/openapi.json', async () => openapi);
  installApiDocs(app);

  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.contentType);
    return metrics.metrics();
  });

  const indexHtml = join(config.webDist, 'index.html');
  if (existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  // Pages for citizens (/p/...) are a separate, light entry without the console's components.
  const citizenHtml = join(config.webDist, 'citizen.html');
  app.setNotFoundHandler((req, reply) => {
    const page = req.url === '/p' || req.url.startsWith('/p/') ? citizenHtml : indexHtml;
    if (req.method === 'GET' && !req.url.startsWith('/api/') && existsSync(page)) {
      reply.header('cache-control', 'no-cache');
      return reply.type('text/html; charset=utf-8').send(readFileSync(page));
    }
    return reply.code(404).send(errorBody('not_found', 'Không tìm thấy địa chỉ được yêu cầu.'));
  });

  return app;
}

/** Browsable API docs at /api/docs (Swagger UI shipped in the npm package, no CDN). */
function installApiDocs(app: FastifyInstance) {
  const require = createRequire(import.meta.url);
  const dist = join(require.resolve('swagger-ui-dist/package.json'), '..');
  const page = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>API cqtt</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
  const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui' });`;
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').send(page));
  app.get('/api/docs/init.js', async (_req, reply) => reply.type('application/javascript').send(init));
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) {
    const body = readFileSync(join(dist, file));
    app.get(`/api/docs/${file}`, async (_req, reply) =>
      reply
        .type(file.endsWith('.css') ? 'text/css' : 'application/javascript')
        .header('cache-control', 'public, max-age=86400')
        .send(body),
    );
  }
}
