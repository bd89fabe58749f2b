import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';

/** Refuses (400) a unit id that is not a unit of the commune. */
export async function checkUnitOf(
  db: Kysely<DB>,
  communeId: string,
  unitId: string | null | undefined,
  path = 'unitId',
) {
  if (!unitId) return;
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) {
    const message = 'Đơn vị không tồn tại trong xã này.';
    throw badRequest(message, [{ path, message }]);
  }
}

/** Refuses (400) a village id that is not a village of the commune (e.g. another commune's). */
export async function checkVillageOf(
  db: Kysely<DB>,
  communeId: string,
  villageId: string | null | undefined,
  path = 'villageId',
) {
  if (!villageId) return;
  const village = await db
    .selectFrom('villages')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', villageId)
    .executeTakeFirst();
  if (!village) {
    const message = 'Thôn không thuộc xã này; vui lòng chọn một thôn của xã.';
    throw badRequest(message, [{ path, message }]);
  }
}

/** The year of an ISO day as a range filter [from, to). */
export function yearRange(year: number): [string, string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}
