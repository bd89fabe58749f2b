import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect, pgliteQueue } from './pglite-dialect.ts';
import { readTemplate, writeTemplate } from './pglite-template.ts';
import { preparingPool } from './prepared.ts';
import { countingLog } from './query-count.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /**
   * Reads that may lag a little behind the last writes (DATABASE_REPLICA_URL: a standby); the
   * primary itself without one. See readReplica() for which reads may use it.
   */
  replica: Kysely<DB>;
  kind: DatabaseKind;
  /** Runs a multi-statement SQL script (migrations, restore). */
  exec(sql: string): Promise<void>;
  /** Runs scripts one after another on one session (a restore in one transaction). */
  session<T>(run: (session: { exec(sql: string): Promise<void> }) => Promise<T>): Promise<T>;
  /** Connections in use and waiting, for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number };
  /**
   * How an embedded database came to be: made by initdb just now, from the tarball of a
   * migrated empty one (pglite-template.ts), found in its folder, or in memory; 'server' on PostgreSQL.
   */
  origin: 'initdb' | 'template' | 'existing' | 'memory' | 'server';
  /** After the migrations of a database made by initdb: keep it as the tarball new folders start from. */
  keepAsTemplate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite in dataDir. */
  databaseUrl?: string;
  /** postgres://… of a standby for reads that may lag (readReplica); only with databaseUrl. */
  replicaUrl?: string;
  /** Folder of the embedded database; 'memory://' for a throwaway one. */
  dataDir?: string;
  /** A tarball from PGlite's dumpDataDir to start from (tests). */
  loadDataDir?: Blob;
  poolSize?: number;
}

// Business dates stay 'YYYY-MM-DD' strings: a Date would shift them by the
// server's time zone. Counts and ids of type bigint become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.replicaUrl);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

const replicas = new WeakMap<Kysely<DB>, Kysely<DB>>();

/**
 * Where a read that may lag a little may go: the standby of DATABASE_REPLICA_URL, or the
 * primary. Only for figures that summarise many people's work, never for a page that shows
 * what its reader has just written (docs/operations.md, "Reads from a standby").
 */
export function readReplica(db: Kysely<DB>): Kysely<DB> {
  return replicas.get(db) ?? db;
}

/**
 * A pg pool that finds its way back after a failover: a connection that failed because the
 * server went away (or turned into a standby) is destroyed instead of going back to the pool,
 * a new one goes through HAProxy to the new primary, and a request never waits more than
 * 10 s for a connection (it answers 503 instead: db/unavailable.ts).
 */
function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    // a primary that vanished without closing its connections (a machine gone) is noticed
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === DATE_OID) return (value: string) => value;
        if (oid === INT8_OID) return (value: string) => Number(value);
        return pg.types.getTypeParser(oid, format as 'text');
      },
    } as pg.CustomTypesConfig,
  });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it on next use.
  });
  return pool;
}

async function openPostgres(url: string, max: number, replicaUrl?: string): Promise<Database> {
  const pool = newPool(url, max);
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    log: countingLog,
  });
  const replica = replicaUrl
    ? new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: preparingPool(newPool(replicaUrl, Math.max(2, Math.ceil(max / 2)))),
        }),
      })
    : db;
  if (replica !== db) replicas.set(db, replica);
  const session: Database['session'] = async (run) => {
    const client = await pool.connect();
    let failed: Error | undefined;
    const onError = (error: Error) => {
      failed = error;
    };
    client.on('error', onError);
    try {
      return await run({
        exec: async (sql) => {
          await client.query(sql).catch((error: Error) => {
            failed = error;
            throw error;
          });
        },
      });
    } finally {
      // a session that failed may be inside a transaction: never hand it to another request
      client.removeListener('error', onError);
      client.release(failed);
    }
  };
  return {
    db,
    replica,
    kind: 'postgres',
    exec: (sql) => session((s) => s.exec(sql)),
    session,
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    origin: 'server',
    keepAsTemplate: async () => undefined,
    async close() {
      if (replica !== db) await replica.destroy();
      await db.destroy();
    },
  };
}

/** Shared buffers of the embedded database (see openPglite). */
export const PGLITE_SHARED_BUFFERS = '32MB';

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const memory = dataDir.startsWith('memory://');
  if (!memory) mkdirSync(dataDir, { recursive: true });
  const fresh = !memory && !existsSync(join(dataDir, 'PG_VERSION'));
  const template = fresh && !loadDataDir ? readTemplate() : undefined;
  const origin = memory ? 'memory' : !fresh ? 'existing' : template || loadDataDir ? 'template' : 'initdb';
  loadDataDir ??= template;
  const pglite = await PGlite.create(memory ? undefined : dataDir, {
    // PostgreSQL's default 128 MB of shared buffers are all touched when PGlite starts: a third
    // of the server's memory for a database that fits in a few. The files stay in the OS cache.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    parsers: {
      [pgliteTypes.DATE]: (value: string) => value,
      [pgliteTypes.INT8]: (value: string) => Number(value),
    },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: countingLog });
  // Goes through Kysely's single connection so it waits its turn.
  const session: Database['session'] = (run) =>
    db.connection().execute(() =>
      run({
        exec: async (sql) => {
          await pglite.exec(sql);
        },
      }),
    );
  return {
    db,
    replica: db,
    kind: 'pglite',
    exec: (sql) => session((s) => s.exec(sql)),
    session,
    poolStats: () => ({ total: 1, idle: pgliteQueue.waiting === 0 ? 1 : 0, waiting: pgliteQueue.waiting }),
    origin,
    async keepAsTemplate() {
      if (origin !== 'initdb') return;
      await db.connection().execute(() => writeTemplate(pglite));
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Dumps a PGlite database folder as a tarball (used by tests to copy a migrated template). */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const pglite = await PGlite.create(dataDir);
  const blob = await pglite.dumpDataDir('none');
  await pglite.close();
  return blob;
}
