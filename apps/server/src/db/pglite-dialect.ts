import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * A small Kysely dialect over PGlite. PGlite is one session, so the driver
 * hands out that one connection to one user at a time: a transaction holds it
 * from BEGIN to COMMIT and other queries wait. This keeps the statements of two
 * concurrent requests from mixing inside one transaction.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;
  get waiting() {
    return this.#waiting;
  }
  async lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    this.#waiting++;
    await previous;
    this.#waiting--;
    return release;
  }
}

/** Queries waiting for the single PGlite connection, for /metrics. */
export const pgliteQueue = { waiting: 0 };

class PGliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #connection: PGliteConnection;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(pglite: PGlite) {
    this.#connection = new PGliteConnection(pglite);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    pgliteQueue.waiting = this.#mutex.waiting + 1;
    const release = await this.#mutex.lock();
    pgliteQueue.waiting = this.#mutex.waiting;
    this.#releases.set(this.#connection, release);
    return this.#connection;
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    if (settings.isolationLevel) {
      await connection.executeQuery(rawQuery(`begin isolation level ${settings.isolationLevel}`));
    } else {
      await connection.executeQuery(rawQuery('begin'));
    }
  }
  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(rawQuery('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(rawQuery('rollback'));
  }
  async releaseConnection(connection: DatabaseConnection) {
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }
  async destroy() {}
}

function rawQuery(sql: string): CompiledQuery {
  return { sql, parameters: [], query: { kind: 'RawNode' } as never, queryId: { queryId: sql } as never };
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
    const affected = result.affectedRows;
    const isWrite = /^\s*(insert|update|delete|merge)/i.test(compiled.sql);
    return {
      rows: result.rows,
      ...(isWrite && affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite; Kysely needs the method.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite không hỗ trợ truy vấn dạng luồng.');
  }
}
