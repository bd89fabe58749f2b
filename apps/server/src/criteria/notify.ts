import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createNotifications } from '../notify/service.ts';

/**
 * Tells the people whose turn it is: city users (no commune) of a city, or a commune's
 * users holding one of the roles. Written in the caller's transaction.
 */
export async function notifyRoles(
  trx: Kysely<DB>,
  target: { cityId: string; communeId: string | null; roles: string[] },
  message: { aboutCommuneId: string; kind: string; title: string; body?: string; link: string },
) {
  let q = trx
    .selectFrom('users')
    .select('id')
    .where('city_id', '=', target.cityId)
    .where('is_active', '=', true)
    .where(sql<boolean>`roles && ${sql.val(target.roles)}::text[]`);
  q =
    target.communeId === null
      ? q.where('commune_id', 'is', null)
      : q.where('commune_id', '=', target.communeId);
  const users = await q.execute();
  await createNotifications(
    trx,
    users.map((u) => ({
      communeId: message.aboutCommuneId,
      userId: u.id,
      kind: message.kind,
      title: message.title,
      body: message.body,
      link: message.link,
    })),
  );
}
