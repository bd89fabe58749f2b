import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { contentChunks, databaseFileStore, isStorageKey, sha256Hex } from './store.ts';

/** What a move or a check of the uploaded files found, file by file. */
export interface FilesReport {
  /** Rows of the files table looked at. */
  files: number;
  /** Moved from the folder into the database by this run. */
  moved: number;
  /** Already in the database with the content recorded at upload. */
  unchanged: number;
  /** Rows whose bytes are nowhere (neither in the database nor in the folder). */
  missing: { id: string; name: string; key: string }[];
  /** Bytes whose sha256 is not the one recorded at upload. */
  corrupt: { id: string; name: string; key: string }[];
}

const emptyReport = (): FilesReport => ({ files: 0, moved: 0, unchanged: 0, missing: [], corrupt: [] });

function rowsOf(db: Kysely<DB>) {
  return db
    .selectFrom('files')
    .leftJoin('file_keys', 'file_keys.storage_key', 'files.storage_key')
    .leftJoin('file_contents', 'file_contents.sha256', 'file_keys.sha256')
    .select([
      'files.id',
      'files.name',
      'files.size',
      'files.sha256',
      'files.storage_key',
      'file_contents.sha256 as stored_sha256',
      'file_contents.size as stored_size',
      'file_contents.chunks',
    ])
    .orderBy('files.id')
    .execute();
}

/** The sha256 of a stored content, computed again from its chunks. */
async function hashOfContent(db: Kysely<DB>, sha256: string, chunks: number) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of contentChunks(db, sha256, chunks)) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Moves the bytes of every uploaded file the database knows from a files folder (FILES_DIR of
 * the versions that kept them on disk) into the database, checking each against the sha256
 * recorded at upload. A file already in the database is left alone, so the command may run
 * twice, or again after an interruption. The folder is not changed: delete it once a backup
 * holds the moved files.
 */
export async function moveFilesToDatabase(db: Kysely<DB>, dir: string): Promise<FilesReport> {
  const report = emptyReport();
  const store = databaseFileStore(db);
  for (const row of await rowsOf(db)) {
    report.files++;
    const entry = { id: row.id, name: row.name, key: row.storage_key };
    if (row.stored_sha256) {
      if (row.stored_sha256 === row.sha256) report.unchanged++;
      else report.corrupt.push(entry);
      continue;
    }
    const path = isStorageKey(row.storage_key) ? join(dir, row.storage_key) : null;
    if (!path || !existsSync(path)) {
      report.missing.push(entry);
      continue;
    }
    const bytes = await readFile(path);
    if (bytes.length !== row.size || sha256Hex(bytes) !== row.sha256) {
      report.corrupt.push(entry);
      continue;
    }
    await store.put(row.storage_key, bytes);
    report.moved++;
  }
  return report;
}

/**
 * Checks that every uploaded file's bytes are in the database and unchanged since upload: each
 * content is read back from its chunks and hashed again. With `checksums`, also returns the
 * sha256 computed for each file id (compared between a cluster and its restored backup).
 */
export async function verifyFiles(
  db: Kysely<DB>,
  options: { checksums?: boolean } = {},
): Promise<FilesReport & { checksums?: Record<string, string> }> {
  const report: FilesReport & { checksums?: Record<string, string> } = emptyReport();
  if (options.checksums) report.checksums = {};
  const computed = new Map<string, { sha256: string; size: number } | null>();
  for (const row of await rowsOf(db)) {
    report.files++;
    const entry = { id: row.id, name: row.name, key: row.storage_key };
    if (!row.stored_sha256 || row.chunks === null) {
      report.missing.push(entry);
      continue;
    }
    let actual = computed.get(row.stored_sha256);
    if (actual === undefined) {
      actual = await hashOfContent(db, row.stored_sha256, row.chunks).catch(() => null);
      computed.set(row.stored_sha256, actual);
    }
    if (report.checksums && actual) report.checksums[row.id] = actual.sha256;
    if (!actual) report.missing.push(entry);
    else if (actual.sha256 !== row.sha256 || actual.size !== row.size || row.stored_size !== row.size)
      report.corrupt.push(entry);
    else report.unchanged++;
  }
  return report;
}
