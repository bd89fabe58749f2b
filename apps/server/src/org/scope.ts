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
    .where('id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
  if (!row) throw notFound('Xã, phường, đặc khu');
  return row.id;
}

/** A national account (the ministry): sees every city's communes, changes nothing. */
export function isNational(actor: Actor): boolean {
  return actor.communeId === null && actor.roles.includes('national');
}

/** The communes an actor can see: their own, every commune of their city, or all for a national account. */
export function visibleCommuneIds(db: Kysely<DB>, actor: Actor) {
  if (actor.communeId) return db.selectFrom('communes').select('id').where('id', '=', actor.communeId);
  if (isNational(actor)) return db.selectFrom('communes').select('id');
  return db.selectFrom('communes').select('id').where('city_id', '=', actor.cityId);
}
