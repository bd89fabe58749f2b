import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';

/** Refuses (400, on the field) an id that names no row of the commune in a reference table. */
async function checkOf(
  db: Kysely<DB>,
  table: 'units' | 'villages',
  communeId: string,
  id: string | null | undefined,
  path: string,
  message: string,
) {
  if (!id) return;
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw badRequest(message, [{ path, message }]);
}

/** Refuses (400) a unit id that is not a unit of the commune. */
export const checkUnitOf = (
  db: Kysely<DB>,
  communeId: string,
  unitId: string | null | undefined,
  path = 'unitId',
) => checkOf(db, 'units', communeId, unitId, path, 'Đơn vị không tồn tại trong xã này.');

/** Refuses (400) a village id that is not a village of the commune (e.g. another commune's). */
export const checkVillageOf = (
  db: Kysely<DB>,
  communeId: string,
  villageId: string | null | undefined,
  path = 'villageId',
) =>
  checkOf(
    db,
    'villages',
    communeId,
    villageId,
    path,
    'Thôn không thuộc xã này; vui lòng chọn một thôn của xã.',
  );

/** The year of an ISO day as a range filter [from, to). */
export function yearRange(year: number): [string, string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}
