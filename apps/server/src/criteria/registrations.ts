import { levelsOf, MAX_LEVEL, registrationOnTime } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import { notifyRoles } from './notify.ts';
import { setInEffect } from './sets.ts';

/** The level a commune registers for a year, sent to the city; on time when sent by 15/02. */
export async function register(
  ctx: RequestContext,
  input: { year: number; targetLevel: number; justification: string },
  now = new Date(),
) {
  const actor = ctx.actor!;
  if (!actor.communeId) throw forbidden('Chỉ xã, phường, đặc khu đăng ký mức độ.');
  const communeId = actor.communeId;
  const set = await setInEffect(ctx.db, actor.cityId, input.year);
  const highest = set ? Math.max(0, ...levelsOf(set.definition)) : MAX_LEVEL;
  if (input.targetLevel > highest) {
    const message = `Bộ tiêu chí ${set!.code} áp dụng năm ${input.year} chỉ có ${highest} mức; không đăng ký được mức ${input.targetLevel}.`;
    throw badRequest(message, [{ path: 'targetLevel', message }]);
  }
  return audited(ctx, async (trx) => {
    const before = await trx
      .selectFrom('level_registrations')
      .selectAll()
      .where('commune_id', '=', communeId)
      .where('year', '=', input.year)
      .executeTakeFirst();
    const values = {
      target_level: input.targetLevel,
      justification: input.justification,
      sent_at: now,
      sent_by: actor.userId,
      on_time: registrationOnTime(now, input.year),
    };
    const row = before
      ? await trx
          .updateTable('level_registrations')
          .set(values)
          .where('commune_id', '=', communeId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('level_registrations')
          .values({ commune_id: communeId, year: input.year, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    const commune = await trx
      .selectFrom('communes')
      .select('name')
      .where('id', '=', communeId)
      .executeTakeFirstOrThrow();
    await notifyRoles(
      trx,
      { cityId: actor.cityId, communeId: null, roles: ['city'] },
      {
        aboutCommuneId: communeId,
        kind: 'criteria.registration',
        title: `${commune.name} đăng ký mức ${input.targetLevel} năm ${input.year}${values.on_time ? '' : ' (sau hạn 15/02)'}`,
        body: input.justification,
        link: '/level-registration',
      },
    );
    return {
      result: registrationView({ ...row, commune_name: commune.name, sent_by_name: actor.fullName }),
      audit: {
        action: before ? 'level_registrations.update' : 'level_registrations.send',
        entityType: 'level_registration',
        entityId: row.id,
        communeId,
        before,
        after: row,
      },
    };
  });
}

type Row = {
  id: string;
  commune_id: string;
  commune_name: string;
  year: number;
  target_level: number;
  justification: string;
  sent_at: Date | string;
  on_time: boolean;
  sent_by_name: string | null;
};

function registrationView(r: Row) {
  return {
    id: r.id,
    communeId: r.commune_id,
    communeName: r.commune_name,
    year: r.year,
    targetLevel: r.target_level,
    justification: r.justification,
    sentAt: new Date(r.sent_at).toISOString(),
    sentBy: r.sent_by_name ?? '',
    onTime: r.on_time,
  };
}

/** Registrations the actor may see: their commune's, or every commune of their city. */
export async function listRegistrations(
  db: Kysely<DB>,
  actor: Actor,
  filter: { year?: number; communeId?: string },
) {
  let q = db
    .selectFrom('level_registrations as r')
    .innerJoin('communes as c', 'c.id', 'r.commune_id')
    .leftJoin('users as u', 'u.id', 'r.sent_by')
    .selectAll('r')
    .select(['c.name as commune_name', 'u.full_name as sent_by_name'])
    .where('r.commune_id', 'in', visibleCommuneIds(db, actor));
  if (filter.year) q = q.where('r.year', '=', filter.year);
  if (filter.communeId) q = q.where('r.commune_id', '=', filter.communeId);
  const rows = await q.orderBy('r.year', 'desc').orderBy('c.name').execute();
  return rows.map(registrationView);
}
