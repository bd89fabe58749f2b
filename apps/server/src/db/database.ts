import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect, pgliteQueue } from './pglite-dialect.ts';
import { preparingPool } from './prepared.ts';
import { countingLog } from './query-count.ts';
import type { DB } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Runs a multi-statement SQL script (migrations, restore). */
  exec(sql: string): Promise<void>;
  /** Connections in use and waiting, for /metrics. */
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise PGlite in dataDir. */
  databaseUrl?: string;
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
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data', options.loadDataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
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
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: preparingPool(pool) }),
    log: countingLog,
  });
  return {
    db,
    kind: 'postgres',
    async exec(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir.startsWith('memory://') ? undefined : dataDir, {
    parsers: {
      [pgliteTypes.DATE]: (value: string) => value,
      [pgliteTypes.INT8]: (value: string) => Number(value),
    },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), log: countingLog });
  return {
    db,
    kind: 'pglite',
    async exec(sql) {
      // Goes through Kysely's single connection so it waits its turn.
      await db.connection().execute(async () => {
        await pglite.exec(sql);
      });
    },
    poolStats: () => ({ total: 1, idle: pgliteQueue.waiting === 0 ? 1 : 0, waiting: pgliteQueue.waiting }),
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
