import { foldVietnamese } from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import type { Actor } from '../http/route.ts';

/**
 * Users an administrator may manage: those of their commune, or, for a city
 * administrator, every user of the city.
 */
export function manageableUsers(db: Kysely<DB>, actor: Actor) {
  let query = db
    .selectFrom('users as u')
    .leftJoin('units as n', (join) =>
      join.onRef('n.commune_id', '=', 'u.commune_id').onRef('n.id', '=', 'u.unit_id'),
    )
    .leftJoin('village_heads as vh', (join) =>
      join.onRef('vh.commune_id', '=', 'u.commune_id').onRef('vh.user_id', '=', 'u.id'),
    )
    .leftJoin('villages as v', (join) =>
      join.onRef('v.commune_id', '=', 'vh.commune_id').onRef('v.id', '=', 'vh.village_id'),
    )
    .where('u.city_id', '=', actor.cityId);
  if (actor.communeId) query = query.where('u.commune_id', '=', actor.communeId);
  return query;
}

export async function listUsers(
  db: Kysely<DB>,
  actor: Actor,
  filter: { communeId?: string; q?: string; page: number; pageSize: number },
) {
  let query = manageableUsers(db, actor);
  if (filter.communeId) query = query.where('u.commune_id', '=', filter.communeId);
  if (filter.q) {
    const pattern = containsPattern(foldVietnamese(filter.q));
    query = query.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('u.username')), 'like', pattern),
        eb(foldSql(eb.ref('u.full_name')), 'like', pattern),
        eb(foldSql(sql<string>`coalesce(u.email, '')`), 'like', pattern),
      ]),
    );
  }
  const [items, total] = await Promise.all([
    query
      .select([
        'u.id',
        'u.username',
        'u.full_name',
        'u.email',
        'u.phone',
        'u.commune_id',
        'u.unit_id',
        'n.name as unit_name',
        'v.id as village_id',
        'v.name as village_name',
        'u.roles',
        'u.is_active',
        'u.is_service',
        'u.last_login_at',
      ])
      .orderBy('u.username')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

export function findManageableUser(db: Kysely<DB>, actor: Actor, id: string) {
  return manageableUsers(db, actor).selectAll('u').where('u.id', '=', id).executeTakeFirst();
}
