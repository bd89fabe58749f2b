import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isStorageKey } from './store.ts';

/** What a copy or a check of the uploaded files found, file by file. */
export interface FilesReport {
  /** Rows of the files table looked at. */
  files: number;
  copied: number;
  /** Already in the target with the right content (backups are incremental). */
  unchanged: number;
  /** Rows whose bytes are not in the source folder. */
  missing: { id: string; name: string; key: string }[];
  /** Bytes whose sha256 is not the one recorded at upload. */
  corrupt: { id: string; name: string; key: string }[];
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function rowsOf(db: Kysely<DB>) {
  return db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'sha256', 'storage_key'])
    .orderBy('id')
    .execute();
}

/**
 * Copies the bytes of every uploaded file the database knows from one files folder to another
 * (FILES_DIR to a backup folder, or back), checking each against the sha256 recorded at upload.
 * A file already in the target with the right size and hash is left alone, so a nightly backup
 * only copies the new ones. Each copy is written under a temporary name and renamed, so an
 * interrupted run leaves no half file. Nothing is deleted in the target.
 */
export async function copyFiles(db: Kysely<DB>, from: string, to: string): Promise<FilesReport> {
  const report: FilesReport = { files: 0, copied: 0, unchanged: 0, missing: [], corrupt: [] };
  for (const row of await rowsOf(db)) {
    report.files++;
    const entry = { id: row.id, name: row.name, key: row.storage_key };
    if (!isStorageKey(row.storage_key)) {
      report.corrupt.push(entry);
      continue;
    }
    const source = join(from, row.storage_key);
    const target = join(to, row.storage_key);
    if (!existsSync(source)) {
      report.missing.push(entry);
      continue;
    }
    if (
      existsSync(target) &&
      (await stat(target)).size === row.size &&
      (await sha256Of(target)) === row.sha256
    ) {
      report.unchanged++;
      continue;
    }
    if ((await sha256Of(source)) !== row.sha256) {
      report.corrupt.push(entry);
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.part`;
    await copyFile(source, partial);
    if ((await sha256Of(partial)) !== row.sha256) {
      await rm(partial, { force: true });
      report.corrupt.push(entry);
      continue;
    }
    await rename(partial, target);
    report.copied++;
  }
  return report;
}

/** Checks that every uploaded file's bytes are in the folder and unchanged since upload. */
export async function verifyFiles(db: Kysely<DB>, dir: string): Promise<FilesReport> {
  const report: FilesReport = { files: 0, copied: 0, unchanged: 0, missing: [], corrupt: [] };
  for (const row of await rowsOf(db)) {
    report.files++;
    const entry = { id: row.id, name: row.name, key: row.storage_key };
    const path = isStorageKey(row.storage_key) ? join(dir, row.storage_key) : null;
    if (!path || !existsSync(path)) report.missing.push(entry);
    else if ((await sha256Of(path)) !== row.sha256) report.corrupt.push(entry);
    else report.unchanged++;
  }
  return report;
}
