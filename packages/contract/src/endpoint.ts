import type { Permission } from '@cqtt/domain/org/permissions';
import type { z } from 'zod';

/**
 * One route of the API as both sides see it: the server binds a handler to it
 * (apps/server/src/http/route.ts `implement`), the console calls it through the
 * typed client (apps/web/src/api/call.ts). Nothing here runs on its own.
 */

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * Who may call a route: anyone, any signed-in user, or holders of a permission of the
 * domain's table (packages/domain/src/org/permissions.ts). The server enforces it before
 * the handler runs; the console may read it to offer only the actions a user may take.
 * Rules on the rows themselves (one's own unit, a village head's village) are the
 * server's use cases, not the contract's.
 */
export type Access = 'public' | 'user' | { permission: Permission };

type Schema = z.ZodType;

export interface Endpoint<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  R extends Schema | undefined = Schema | undefined,
> {
  method: Method;
  /** Fastify's form: `/api/rewards/:id`. */
  url: string;
  /** Vietnamese one-liner for the API docs. */
  summary: string;
  /** The capability the route belongs to (its folder in every layer). */
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response?: R;
  /**
   * A valid request body: shown in the API docs, and used by the generic tenancy,
   * malformed-input and register tests, which is why every route with a body has one.
   */
  example?: B extends Schema ? z.input<B> : undefined;
  /** Success status; 204 when there is no response body. */
  status?: number;
  /**
   * Also accepts multipart/form-data: the body is then left to the handler, which reads
   * the parts and validates them itself.
   */
  multipart?: boolean;
  /** The answer is a file to save (XLSX, DOCX, ZIP), not JSON: the console downloads it. */
  file?: true;
}

// biome-ignore lint/suspicious/noExplicitAny: a list holds endpoints of every shape.
export type AnyEndpoint = Endpoint<any, any, any, any>;

/**
 * Types an endpoint; no runtime effect. A file endpoint (`file: true`) keeps that in its type,
 * so only file endpoints can be downloaded.
 */
export function endpoint<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  R extends Schema | undefined = undefined,
  F extends true | undefined = undefined,
>(spec: Endpoint<P, Q, B, R> & { file?: F }): Endpoint<P, Q, B, R> & { file: F } {
  return spec as Endpoint<P, Q, B, R> & { file: F };
}

type In<S> = S extends Schema ? z.input<S> : undefined;
/** `{}`: an object type every object extends. */
export type Empty = Record<never, never>;

/** What a caller sends: `params` and `body` when the route has them, `query` when it takes one. */
export type EndpointInput<E> =
  E extends Endpoint<infer P, infer Q, infer B, infer _R>
    ? (P extends Schema ? { params: In<P> } : { params?: undefined }) &
        (Q extends Schema
          ? Empty extends In<Q>
            ? { query?: In<Q> }
            : { query: In<Q> }
          : { query?: undefined }) &
        (B extends Schema ? { body: In<B> } : { body?: undefined })
    : never;

/** What a route answers (after the server's own parsing of its output). */
export type EndpointOutput<E> =
  E extends Endpoint<infer _P, infer _Q, infer _B, infer R>
    ? R extends Schema
      ? z.output<R>
      : undefined
    : never;

/** The body a route takes, e.g. the fields of a form. */
export type EndpointBody<E> = E extends Endpoint<infer _P, infer _Q, infer B, infer _R> ? In<B> : never;

/** The query a route takes, e.g. a list's filters. */
export type EndpointQuery<E> = E extends Endpoint<infer _P, infer Q, infer _B, infer _R> ? In<Q> : never;

/** The address of a call: `:name` replaced by the (encoded) params. */
export function pathOf(url: string, params?: Record<string, unknown>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new Error(`Thiếu tham số ${name} cho ${url}`);
    }
    return encodeURIComponent(String(value));
  });
}
