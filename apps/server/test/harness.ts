import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type Config, DEFAULT_DEMO_PASSWORD, loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/database.ts';
import { withDatabase } from './global-setup.ts';

export const DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * A database of the run's kind (PGlite or PostgreSQL): a copy of the migrated
 * demo database, or an empty one. Its drop() removes a PostgreSQL database.
 */
export async function createTestDatabase(
  options: { empty?: boolean } = {},
): Promise<{ database: Database; drop(): Promise<void>; url?: string }> {
  if (inject('dbKind') === 'postgres') {
    const url = inject('postgresUrl');
    const name = `cqtt_t_${process.ppid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `create database ${name}${options.empty ? '' : ` template ${inject('postgresTemplate')}`}`,
    );
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
    return {
      database,
      url: withDatabase(url, name),
      async drop() {
        await database.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`drop database if exists ${name} with (force)`);
        await client.end();
      },
    };
  }
  const database = options.empty
    ? await openDatabase({ dataDir: 'memory://' })
    : await openDatabase({
        dataDir: 'memory://',
        loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]),
      });
  return { database, drop: () => database.close() };
}

/**
 * A real app on a real database holding a fresh copy of the demo data. One
 * per test file.
 */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const { database, drop } = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent' }), ...overrides };
  const app = await buildApp({ config, database });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await drop();
    },
  };
}

type Body = Record<string, unknown> | unknown[] | string | undefined;

export interface Client {
  username: string;
  cookie: string | null;
  csrfToken: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the /api/me answer freely
  me: Record<string, any>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: Body, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: Body): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  request(
    method: string,
    url: string,
    body?: Body,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

/** Sends requests as a browser would: session cookie plus the CSRF header on writes. */
export function clientFor(
  app: FastifyInstance,
  cookie: string | null,
  csrfToken: string | null,
  // biome-ignore lint/suspicious/noExplicitAny: as above
  me: any,
): Client {
  const request = (method: string, url: string, body?: Body, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  return {
    username: me?.user?.username ?? '',
    cookie,
    csrfToken,
    me,
    request,
    get: (url) => request('GET', url),
    post: (url, body, headers) => request('POST', url, body, headers),
    patch: (url, body) => request('PATCH', url, body),
    delete: (url) => request('DELETE', url),
  };
}

export const anonymous = (app: FastifyInstance) => clientFor(app, null, null, null);

/** Sends one file as a browser's form would (multipart, field «file»), with the client's session. */
export function uploadFile(
  app: FastifyInstance,
  c: Client,
  url: string,
  bytes: Buffer,
  filename: string,
  type: string,
) {
  const boundary = `----cqtt${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
  return app.inject({
    method: 'POST',
    url,
    headers: {
      ...(c.cookie ? { cookie: c.cookie } : {}),
      ...(c.csrfToken ? { 'x-csrf-token': c.csrfToken } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: `127.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cqtt_session');
  const me = res.json();
  return clientFor(app, `cqtt_session=${cookie!.value}`, me.csrfToken, me);
}

/** Counts rows of a table straight from the database. */
/** The id of a commune of the demo data, by its code (HP-BINHGIANG…). */
export async function communeIdOf(database: Database, code: string): Promise<string> {
  const row = await database.db
    .selectFrom('communes')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countRows(
  database: Database,
  table:
    | 'audit_log'
    | 'users'
    | 'units'
    | 'villages'
    | 'sessions'
    | 'api_tokens'
    | 'supervision_entries'
    | 'difficulties'
    | 'feedback_items',
) {
  const row = await database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
