import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Where the bytes of uploaded files live. Keys are generated here (never the
 * user's file name), so a name cannot reach the file system or a query.
 */
export interface FileStore {
  /** Stores the bytes under a key from newStorageKey(); refuses a key already used. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes of a key; rejects when the key is unknown. */
  get(key: string): Promise<Readable>;
  /** Removes a key (used when the database refuses the row that would point to it). */
  delete(key: string): Promise<void>;
}

/** Keys look like "3f/3f2a…-uuid": a two-character folder kept disk folders small. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** A new generated key: a random uuid, never anything the user sent. */
export function newStorageKey(): string {
  const id = randomUUID();
  return `${id.slice(0, 2)}/${id}`;
}

export class MissingFileError extends Error {
  readonly code = 'ENOENT';
  constructor(key: string) {
    super(`no stored file for key ${JSON.stringify(key)}`);
  }
}

/**
 * Files on a local disk, under `<root>/<2 chars>/<uuid>`: where uploads lived before they moved
 * into the database (decision 0021). Still read by `cqtt files-to-database`, and by the database
 * store for a file that has not been moved yet.
 */
export function localFileStore(root: string): FileStore {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
    return join(root, key);
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // written whole under a temporary name, then linked: a reader never sees half a
      // file, and link() fails rather than overwrite a key already used
      const partial = `${path}.part`;
      await writeFile(partial, bytes, { flag: 'wx', mode: 0o640 });
      try {
        await link(partial, path);
      } finally {
        await rm(partial, { force: true });
      }
    },
    get(key) {
      const stream = createReadStream(pathOf(key));
      // resolve once the file is open, so a missing file rejects here rather than mid-reply
      return new Promise((resolve, reject) => {
        stream.once('open', () => resolve(stream));
        stream.once('error', reject);
      });
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

/** Bytes per row of file_chunks: a 10 MB upload is 40 rows. */
export const CHUNK_SIZE = 256 * 1024;
/** Chunks written or read by one statement (at most 2 MiB in memory at a time). */
const CHUNKS_PER_QUERY = 8;
/** First key of the advisory lock that orders writers of one content ('file' in ASCII). */
const LOCK_SPACE = 0x66696c65;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Waits for other writers of the same content (a put and a delete of one sha256 never interleave). */
async function lockContent(trx: Kysely<DB>, sha256: string) {
  await sql`select pg_advisory_xact_lock(${LOCK_SPACE}::int4, hashtext(${sha256}))`.execute(trx);
}

/** The bytes of one content, read a few chunks per query as the reader asks for them. */
export async function* contentChunks(db: Kysely<DB>, sha256: string, chunks: number): AsyncGenerator<Buffer> {
  for (let from = 0; from < chunks; from += CHUNKS_PER_QUERY) {
    const rows = await db
      .selectFrom('file_chunks')
      .select(['n', 'data'])
      .where('sha256', '=', sha256)
      .where('n', '>=', from)
      .where('n', '<', Math.min(chunks, from + CHUNKS_PER_QUERY))
      .orderBy('n')
      .execute();
    for (const [i, row] of rows.entries()) {
      if (row.n !== from + i) throw new Error(`file content ${sha256} lacks chunk ${from + i}`);
      yield Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
    }
    if (rows.length < Math.min(CHUNKS_PER_QUERY, chunks - from))
      throw new Error(`file content ${sha256} lacks chunk ${from + rows.length}`);
  }
}

/**
 * Files in the database (decision 0021): the content once per sha256, in chunks, and one row
 * per storage key naming it. Every node of a cluster reads the same files, the synchronous
 * standby has them as soon as an upload is acknowledged, and a backup of the database holds
 * them. `legacyDir`: the files folder of older versions, read for a key not moved yet.
 */
export function databaseFileStore(db: Kysely<DB>, options: { legacyDir?: string } = {}): FileStore {
  const legacy = options.legacyDir ? localFileStore(options.legacyDir) : null;
  return {
    async put(key, bytes) {
      if (!KEY.test(key)) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
      const sha256 = sha256Hex(bytes);
      const chunks = Math.ceil(bytes.length / CHUNK_SIZE);
      await db.transaction().execute(async (trx) => {
        await lockContent(trx, sha256);
        const known = await trx
          .selectFrom('file_contents')
          .select('sha256')
          .where('sha256', '=', sha256)
          .executeTakeFirst();
        if (!known) {
          await trx.insertInto('file_contents').values({ sha256, size: bytes.length, chunks }).execute();
          for (let from = 0; from < chunks; from += CHUNKS_PER_QUERY) {
            const rows = [];
            for (let n = from; n < Math.min(chunks, from + CHUNKS_PER_QUERY); n++)
              rows.push({ sha256, n, data: bytes.subarray(n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE) });
            await trx.insertInto('file_chunks').values(rows).execute();
          }
        }
        // the primary key refuses a key already used
        await trx.insertInto('file_keys').values({ storage_key: key, sha256 }).execute();
      });
    },
    async get(key) {
      const row = await db
        .selectFrom('file_keys')
        .innerJoin('file_contents', 'file_contents.sha256', 'file_keys.sha256')
        .select(['file_contents.sha256', 'file_contents.chunks'])
        .where('file_keys.storage_key', '=', key)
        .executeTakeFirst();
      if (row) return Readable.from(contentChunks(db, row.sha256, row.chunks));
      if (legacy && KEY.test(key) && existsSync(join(options.legacyDir!, key))) return legacy.get(key);
      throw new MissingFileError(key);
    },
    async delete(key) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('file_keys')
          .select('sha256')
          .where('storage_key', '=', key)
          .executeTakeFirst();
        if (!row) return;
        await lockContent(trx, row.sha256);
        await trx.deleteFrom('file_keys').where('storage_key', '=', key).execute();
        // the content goes with its last key (its chunks by cascade)
        await trx
          .deleteFrom('file_contents')
          .where('sha256', '=', row.sha256)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('file_keys').select('storage_key').where('sha256', '=', row.sha256))),
          )
          .execute();
      });
    },
  };
}

const stores = new WeakMap<Kysely<DB>, Map<string, FileStore>>();

/** The file store of a request, job or command: the database's, one per database. */
export function fileStoreOf(ctx: { db: Kysely<DB>; config: { filesDir: string } }): FileStore {
  let byDir = stores.get(ctx.db);
  if (!byDir) {
    byDir = new Map();
    stores.set(ctx.db, byDir);
  }
  let store = byDir.get(ctx.config.filesDir);
  if (!store) {
    store = databaseFileStore(ctx.db, { legacyDir: ctx.config.filesDir });
    byDir.set(ctx.config.filesDir, store);
  }
  return store;
}

/**
 * Storage keys that no files row names, kept longer than `olderThanMinutes`: what an upload
 * leaves behind when the database went away between storing the bytes and writing the row
 * (a failover), and its delete could not run either. Removed with their content.
 */
export async function removeUnusedFiles(db: Kysely<DB>, now: Date, olderThanMinutes = 60): Promise<number> {
  const unused = await db
    .selectFrom('file_keys')
    .select('storage_key')
    .where('created_at', '<', new Date(now.getTime() - olderThanMinutes * 60_000))
    .where(({ not, exists, selectFrom, ref }) =>
      not(
        exists(
          selectFrom('files').select('id').where('files.storage_key', '=', ref('file_keys.storage_key')),
        ),
      ),
    )
    .limit(1000)
    .execute();
  const store = databaseFileStore(db);
  for (const { storage_key } of unused) await store.delete(storage_key);
  return unused.length;
}
