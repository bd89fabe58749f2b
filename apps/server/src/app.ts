import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { health } from '@cqtt/contract/ops';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import pino from 'pino';
import { resolveActor } from './auth/service.ts';
import { SESSION_COOKIE } from './auth/tokens.ts';
import { CAPABILITIES } from './capabilities.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { fromUnavailableDatabase, RECONNECT_RETRY_SECONDS } from './db/unavailable.ts';
import { installCompression, pageFile } from './http/compression.ts';
import { AppError, errorBody, fromDatabaseError } from './http/errors.ts';
import { buildOpenApi } from './http/openapi.ts';
import { installReadOnly } from './http/read-only.ts';
import { implement, registerRoute } from './http/route.ts';
import { installSecurityHeaders } from './http/security-headers.ts';
import { installVietnameseZodErrors } from './http/zod-vi.ts';
import { drainingError, installDrain } from './ops/drain.ts';
import { installMetrics } from './ops/metrics.ts';

installVietnameseZodErrors();

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The access log: one JSON line per request, "request completed" with the method, url and
 * address Fastify's "incoming request" line carried, which is written only at LOG_LEVEL=debug:
 * two lines per request cost a busy route a third of its time. At debug it tells that a request
 * got past the shutdown's 503 and will be answered (startup.test waits on it). Errors are logged
 * as Fastify logs them.
 */
class AccessLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) return super.requestCompleted(error, request, reply);
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

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

/**
 * Fastify's JSON-schema compilers (ajv, fast-json-stringify), loaded the first time a route
 * declares a JSON schema rather than at every start: cqtt's routes check their input with zod
 * (http/route.ts) and declare none, and loading the two cost a tenth of a start's modules.
 */
function lazyCompilers() {
  const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
  type Factory = (...args: unknown[]) => unknown;
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  return {
    buildValidator: (...args: unknown[]) => {
      validator ??= (fastifyRequire('@fastify/ajv-compiler') as () => Factory)();
      return validator(...args);
    },
    buildSerializer: (...args: unknown[]) => {
      serializer ??= (fastifyRequire('@fastify/fast-json-stringify-compiler') as () => Factory)();
      return serializer(...args);
    },
  } as never;
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
      // Written off the event loop: a line per request written synchronously cost a request
      // as much as its session lookup (bench/README.md). Lines that come while a write is under
      // way go out together with the next one; pino writes what is left when the process exits.
      stream: logStream ?? pino.destination({ dest: 1, sync: false }),
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    // a hop count is accepted at run time though the types omit it
    trustProxy: config.trustProxy as boolean | string,
    logController: new AccessLog(),
    schemaController: { compilersFactory: lazyCompilers() },
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

  // JSON answers of 1 KB or more go out compressed (brotli or gzip, as the client accepts)
  installCompression(app);
  installMetrics(app, database, config);
  installReadOnly(app, config.readOnly);
  const drain = installDrain(app);

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
    if (!req.url.startsWith('/api/docs')) reply.header('cache-control', 'no-store');
    // An address no route answers gets its 404 whoever asks: looking the session up for it
    // would cost a database round trip and tell nothing (the not-found handler reads no actor).
    if (req.is404) return;
    const authorization = req.headers.authorization;
    const bearer = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined;
    req.ctx = {
      ...ctx,
      actor: await resolveActor(database.db, {
        bearer,
        sessionToken: bearer ? undefined : req.cookies[SESSION_COOKIE],
      }),
    };
  });

  app.setErrorHandler((error: FastifyError, req, reply) => {
    const known =
      error instanceof AppError
        ? error
        : (fromDatabaseError(error) ?? fromUnavailableDatabase(error) ?? fromFastifyError(error));
    if (known) {
      if (known.code === 'reconnecting') {
        // a failover or a restart of the database: the device sends again (decision 0021)
        req.log.warn({ err: error, route: req.routeOptions.url }, 'database unavailable');
        reply.header('retry-after', String(RECONNECT_RETRY_SECONDS));
      }
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

  registerRoute(
    app,
    implement(health, {
      handler: async ({ ctx }) => {
        // a draining node fails its check so that the load balancer stops sending to it
        if (drain.draining) throw drainingError();
        await ctx.db.selectFrom('cities').select('id').limit(1).execute();
        return { status: 'ok' as const, db: database.kind };
      },
    }),
  );
  // Every capability's routes, from the one list (capabilities.ts).
  for (const capability of CAPABILITIES) {
    for (const route of capability.routes ?? []) registerRoute(app, route);
    await capability.install?.(app);
  }

  // Worked out on its first request, not at start: a tenth of the app's start for a page few open.
  let openapi: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/openapi.json', async () => {
    openapi ??= buildOpenApi(app.cqttRoutes);
    return openapi;
  });
  installApiDocs(app);

  const indexHtml = pageFile(join(config.webDist, 'index.html'));
  if (indexHtml.exists()) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: false,
      // the build writes name.br and name.gz beside each text file (apps/web/precompress.ts)
      preCompressed: true,
      setHeaders(res, path) {
        res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  // Pages for citizens (/p/...) are a separate, light entry without the console's components.
  // Read once and again after a new build, sent precompressed when the browser accepts it.
  const citizenHtml = pageFile(join(config.webDist, 'citizen.html'));
  app.setNotFoundHandler((req, reply) => {
    const page = req.url === '/p' || req.url.startsWith('/p/') ? citizenHtml : indexHtml;
    if (req.method === 'GET' && !req.url.startsWith('/api/') && page.exists()) {
      reply.header('cache-control', 'no-cache');
      page.send(req, reply);
      return reply;
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
    // read on the first request (1.5 MB): most servers never serve them
    let body: Buffer | undefined;
    app.get(`/api/docs/${file}`, async (_req, reply) => {
      body ??= readFileSync(join(dist, file));
      return reply
        .type(file.endsWith('.css') ? 'text/css' : 'application/javascript')
        .header('cache-control', 'public, max-age=86400')
        .send(body);
    });
  }
}
