import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import type { FileRef } from './service.ts';

/** Checks that every id names a file of the commune; refuses the whole request otherwise. */
export async function checkCommuneFiles(
  db: Kysely<DB>,
  communeId: string,
  ids: readonly string[] | undefined,
  path = 'fileIds',
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const found = await db
    .selectFrom('files')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    const message = 'Có tệp minh chứng không tồn tại hoặc không thuộc xã này.';
    throw badRequest(message, [{ path, message }]);
  }
  return unique;
}

/** The files named by rows' file_ids, by id. */
export async function filesById(
  db: Kysely<DB>,
  communeIds: readonly string[],
  ids: readonly string[],
): Promise<Map<string, FileRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || communeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'mime'])
    .where('commune_id', 'in', [...new Set(communeIds)])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function pickFiles(map: Map<string, FileRef>, ids: readonly string[]): FileRef[] {
  return ids.flatMap((id) => (map.has(id) ? [map.get(id)!] : []));
}
