import type { Access, Endpoint } from '@cqtt/contract/endpoint';
import { can, isTokenScope, type Permission, type Role } from '@cqtt/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';
import { describeProblems, fieldProblems } from './zod-vi.ts';

/** The signed-in user a request acts for. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  roles: Role[];
  cityId: string;
  /** null for a city-level user (Sở Nội vụ, deployment administrator). */
  communeId: string | null;
  unitId: string | null;
  via: 'session' | 'token';
  sessionIdHash?: string;
  csrfToken?: string;
  /** The API token the request came with (via 'token'): named in every audit row it makes. */
  tokenId?: string;
  /** What that token may do: 'read' and named capabilities (docs/decisions/0019). */
  scopes?: readonly string[];
  /** First login or after a reset: every write but the password change (and logout) is refused. */
  mustChangePassword?: boolean;
}

export interface RequestContext {
  db: Kysely<DB>;
  config: Config;
  actor: Actor | null;
  requestId: string;
  ip: string;
  userAgent: string;
}

/** Who may call a route: anyone, any signed-in user, or holders of a permission (the contract's). */
export type { Access } from '@cqtt/contract/endpoint';

type AnyZod = z.ZodType;
type Out<T> = T extends AnyZod ? z.output<T> : undefined;

/**
 * A route as the registry holds it: an endpoint of the contract (method, address, access,
 * schemas, example; packages/contract/src/endpoint.ts) plus what only the server knows.
 */
export interface RouteSpec<
  P extends AnyZod | undefined = AnyZod | undefined,
  Q extends AnyZod | undefined = AnyZod | undefined,
  B extends AnyZod | undefined = AnyZod | undefined,
  R extends AnyZod | undefined = AnyZod | undefined,
> extends Endpoint<P, Q, B, R> {
  /** Larger request bodies for this route (bytes). */
  bodyLimit?: number;
  /** Skip the CSRF check (login, which has no session yet). */
  noCsrf?: boolean;
  /**
   * 'city': the route writes data the whole city shares (its criteria sets, its days off, the
   * level it recognises): only a city-level account (no commune) may call it, whatever its
   * roles; a commune's administrator is refused with 403 before the handler runs.
   * test/city-scope.test.ts walks every route declared so.
   */
  scope?: 'city';
  /**
   * The named capability an API token needs for this write (docs/decisions/0019). By default
   * the route's permission; a write open to every signed-in user (access 'user', rules checked
   * inside) is closed to tokens unless it names one here. Reads need the scope 'read'.
   */
  tokenScope?: Permission;
  /** Open to a user who must still change the password: the change itself and logout. */
  beforePasswordChange?: true;
  handler: (input: {
    params: Out<P>;
    query: Out<Q>;
    body: Out<B>;
    ctx: RequestContext;
    req: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<R extends AnyZod ? z.input<R> : unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of every shape.
export type AnyRoute = RouteSpec<any, any, any, any>;

/**
 * What the server adds to a contract endpoint (packages/contract): the handler, and the
 * options only the server knows (body limit, CSRF exemption, ...).
 */
export type Implementation<
  P extends AnyZod | undefined,
  Q extends AnyZod | undefined,
  B extends AnyZod | undefined,
  R extends AnyZod | undefined,
> = Omit<RouteSpec<P, Q, B, R>, keyof Endpoint>;

/**
 * Binds a handler to an endpoint of the contract: the route the registry holds is the
 * endpoint itself plus the handler, so validation, OpenAPI and the route-walking tests read
 * the same schemas the console is typed by. A handler that answers another shape than the
 * contract's response does not compile.
 */
export function implement<
  P extends AnyZod | undefined = undefined,
  Q extends AnyZod | undefined = undefined,
  B extends AnyZod | undefined = undefined,
  R extends AnyZod | undefined = undefined,
>(endpoint: Endpoint<P, Q, B, R>, server: Implementation<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return { ...endpoint, ...server } as RouteSpec<P, Q, B, R>;
}

/** Types a route spec; no runtime effect. Routes not yet in the contract (packages/contract) use it. */
export function defineRoute<
  P extends AnyZod | undefined = undefined,
  Q extends AnyZod | undefined = undefined,
  B extends AnyZod | undefined = undefined,
  R extends AnyZod | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

declare module 'fastify' {
  interface FastifyInstance {
    cqttRoutes: AnyRoute[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

/**
 * Where a string holds a NUL character (U+0000), which PostgreSQL cannot store in text or
 * jsonb: refused up front with a 400 rather than failing in the database.
 */
function pathOfNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = pathOfNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

function parse(schema: AnyZod | undefined, value: unknown, where: 'params' | 'query' | 'body') {
  if (!schema) {
    if (
      where === 'body' &&
      value !== undefined &&
      value !== null &&
      !(typeof value === 'object' && Object.keys(value).length === 0)
    ) {
      throw new AppError('validation_error', 400, 'Yêu cầu này không nhận dữ liệu gửi kèm.');
    }
    if (where === 'query' && value && Object.keys(value).length > 0) {
      throw new AppError(
        'validation_error',
        400,
        `Tham số không được chấp nhận: ${Object.keys(value).join(', ')}.`,
      );
    }
    return undefined;
  }
  const nul = pathOfNul(value, where === 'body' ? '' : where);
  if (nul !== null) {
    const message = 'Dữ liệu chứa ký tự điều khiển không hợp lệ (NUL).';
    throw new AppError('validation_error', 400, message, [{ path: nul, message }]);
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (!result.success) {
    const problems = fieldProblems(result.error, where === 'body' ? undefined : where);
    if (where === 'body' && value === undefined) {
      throw new AppError('validation_error', 400, 'Thiếu dữ liệu gửi kèm (JSON).', problems);
    }
    throw new AppError('validation_error', 400, describeProblems(problems), problems);
  }
  return result.data;
}

export function checkAccess(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw unauthenticated();
  if (access === 'user') return;
  if (!can(actor.roles, access.permission)) throw forbidden();
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The scope an API token needs for a route: 'read' for a read, the named capability for a write,
 * or null when no token may call it (managing accounts and tokens, decisions, writes that name
 * no capability).
 */
export function requiredTokenScope(spec: Pick<AnyRoute, 'method' | 'access' | 'tokenScope'>): string | null {
  if (SAFE_METHODS.has(spec.method)) return 'read';
  const scope = spec.tokenScope ?? (typeof spec.access === 'object' ? spec.access.permission : null);
  return scope && isTokenScope(scope) ? scope : null;
}

/** Whether a request may act with its session: a write by a session carries the session's CSRF token. */
function csrfHolds(spec: AnyRoute, actor: Actor, headers: FastifyRequest['headers']): boolean {
  if (actor.via !== 'session' || SAFE_METHODS.has(spec.method) || spec.noCsrf) return true;
  return headers['x-csrf-token'] === actor.csrfToken;
}

function checkCsrf(spec: AnyRoute, actor: Actor, headers: FastifyRequest['headers']): void {
  if (!csrfHolds(spec, actor, headers)) {
    throw new AppError(
      'csrf_invalid',
      403,
      'Yêu cầu thiếu mã chống giả mạo (CSRF) hoặc mã đã hết hạn. Vui lòng tải lại trang.',
    );
  }
}

/**
 * The rules every signed-in request to a protected route meets before its handler, whatever the
 * route: no write before a required password change, a token only within its scopes, and
 * city-wide data only by city-level accounts.
 */
function checkActor(spec: AnyRoute, actor: Actor): void {
  const write = !SAFE_METHODS.has(spec.method);
  if (actor.mustChangePassword && write && !spec.beforePasswordChange) {
    throw new AppError(
      'password_change_required',
      403,
      'Bạn cần đổi mật khẩu trước khi tiếp tục. Chưa đổi mật khẩu thì chưa lưu được thay đổi nào.',
    );
  }
  if (actor.via === 'token') {
    const needed = requiredTokenScope(spec);
    if (needed === null || !actor.scopes?.includes(needed)) {
      throw new AppError(
        'insufficient_scope',
        403,
        needed === null
          ? 'Thao tác này không thực hiện được bằng mã truy cập API; hãy đăng nhập.'
          : `Mã truy cập API này không có quyền «${needed}».`,
      );
    }
  }
  if (spec.scope === 'city' && actor.communeId !== null) {
    throw forbidden(
      'Dữ liệu dùng chung của thành phố chỉ do Sở Nội vụ hoặc quản trị cấp thành phố thay đổi.',
    );
  }
}

export function registerRoute(app: FastifyInstance, spec: AnyRoute): void {
  app.cqttRoutes.push(spec);
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    handler: async (req, reply) => {
      const ctx = req.ctx;
      checkAccess(spec.access, ctx.actor);
      if (ctx.actor) {
        if (spec.access !== 'public') {
          checkActor(spec, ctx.actor);
          checkCsrf(spec, ctx.actor, req.headers);
        } else if (!csrfHolds(spec, ctx.actor, req.headers)) {
          // public routes act for nobody: what a visitor may do does not depend on an account.
          // A citizens' page opened where an official is signed in (a counter tablet, her own
          // phone) sends the session's cookie without its CSRF token: it is a visitor then
          ctx.actor = null;
        }
      }
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = spec.multipart && req.isMultipart() ? undefined : parse(spec.body, req.body, 'body');
      const result = await spec.handler({ params, query, body, ctx, req, reply });
      if (reply.sent) return reply;
      const status = spec.status ?? (spec.response ? 200 : 204);
      reply.code(status);
      return status === 204 ? reply.send() : reply.send(result);
    },
  });
}

/** Common pieces of schemas, defined once in the contract (kept here for routes not yet in it). */
export { idParams, optionalText, pageQuery, text } from '@cqtt/contract/shared';
