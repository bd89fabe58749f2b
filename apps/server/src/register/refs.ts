import type { FileRef, NamedRef, UnitRef, UserRef } from '@cqtt/contract/shared';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { checkUnitOf, checkVillageOf } from '../org/refs.ts';

/**
 * What a register's answer names beside its own columns: the unit, the village, the users who
 * recorded or decided, the evidence files. Loaded once for a page of rows, then looked up.
 */
export interface Refs {
  unit(id: string | null): UnitRef | null;
  village(id: string | null): NamedRef | null;
  user(id: string | null): UserRef | null;
  files(ids: readonly string[]): FileRef[];
  file(id: string | null): FileRef | null;
}

export interface RefsWanted {
  units?: boolean;
  villages?: boolean;
  /** The user ids the rows name. */
  users?: readonly (string | null)[];
  /** The file ids the rows name. */
  files?: readonly (string | null)[];
}

export async function loadRefs(
  db: Kysely<DB>,
  rows: readonly { commune_id: string }[],
  wanted: RefsWanted,
): Promise<Refs> {
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  const userIds = [...new Set((wanted.users ?? []).filter((x): x is string => !!x))];
  const fileIds = (wanted.files ?? []).filter((x): x is string => !!x);
  const some = communeIds.length > 0;
  const [units, villages, users, files] = await Promise.all([
    wanted.units && some
      ? db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', 'in', communeIds).execute()
      : [],
    wanted.villages && some
      ? db.selectFrom('villages').select(['id', 'name']).where('commune_id', 'in', communeIds).execute()
      : [],
    userIds.length > 0
      ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute()
      : [],
    filesById(db, communeIds, fileIds),
  ]);
  const unit = new Map(units.map((u) => [u.id, u]));
  const village = new Map(villages.map((v) => [v.id, v]));
  const user = new Map(users.map((u) => [u.id, { id: u.id, fullName: u.full_name }]));
  return {
    unit: (id) => (id ? (unit.get(id) ?? null) : null),
    village: (id) => (id ? (village.get(id) ?? null) : null),
    user: (id) => (id ? (user.get(id) ?? null) : null),
    files: (ids) => pickFiles(files, ids),
    file: (id) => (id ? (files.get(id) ?? null) : null),
  };
}

/**
 * Checks the references a write names against the commune: a unit, a village, evidence files
 * of another commune (or none) are refused with a 400 on their field. Returns the files' ids
 * without repeats, when the input names files.
 */
export async function checkRefs(
  db: Kysely<DB>,
  communeId: string,
  input: { unitId?: string | null; villageId?: string | null; fileIds?: readonly string[] },
): Promise<{ fileIds?: string[] }> {
  await checkUnitOf(db, communeId, input.unitId);
  await checkVillageOf(db, communeId, input.villageId);
  return input.fileIds === undefined
    ? {}
    : { fileIds: await checkCommuneFiles(db, communeId, input.fileIds) };
}
