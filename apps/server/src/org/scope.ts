import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { Actor } from '../http/route.ts';

/**
 * Resolves which commune a request acts on. A commune user always acts on
 * their own commune (asking for another answers 404, as if it did not exist);
 * a city user names a commune of their city.
 */
export async function resolveCommuneId(db: Kysely<DB>, actor: Actor, requested?: string): Promise<string> {
  if (actor.communeId) {
    if (requested && requested !== actor.communeId) throw notFound('Xã, phường, đặc khu');
    return actor.communeId;
  }
  if (!requested) {
    throw new AppError('validation_error', 400, 'Vui lòng chọn xã, phường, đặc khu (tham số communeId).', [
      { path: 'communeId', message: 'Trường này là bắt buộc với cán bộ cấp thành phố.' },
    ]);
  }
  const row = await db
    .selectFrom('communes')
    .select('id')
    .where('id', '=', requested)
    .where('city_id', '=', actor.cityId)
    .executeTakeFirst();
  if (!row) throw notFound('Xã, phường, đặc khu');
  return row.id;
}

/** The communes an actor can see: their own, or every commune of their city. */
export function visibleCommuneIds(db: Kysely<DB>, actor: Actor) {
  return actor.communeId
    ? db.selectFrom('communes').select('id').where('id', '=', actor.communeId)
    : db.selectFrom('communes').select('id').where('city_id', '=', actor.cityId);
}
