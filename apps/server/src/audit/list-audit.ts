import type { AuditQuery } from '@cqtt/contract/audit';
import { type ExpressionBuilder, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { forbidden } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { auditObjectName } from './object-name.ts';

/** One page of the audit log the signed-in user may read, newest first. */
export async function listAudit(ctx: RequestContext, query: z.output<typeof AuditQuery>) {
  const actor = ctx.actor!;
  let q = ctx.db.selectFrom('audit_log as a');
  // What is one's own: a commune account reads its commune's rows; a city-level account
  // the rows of the data its city shares; a city administrator also every commune's.
  const cityRows = (eb: ExpressionBuilder<DB & { a: DB['audit_log'] }, 'a'>) =>
    eb.and([eb('a.commune_id', 'is', null), eb('a.city_id', '=', actor.cityId)]);
  if (actor.communeId) {
    if (query.scope === 'city') {
      throw forbidden('Nhật ký dữ liệu chung của thành phố chỉ dành cho cán bộ cấp thành phố.');
    }
    q = q.where('a.commune_id', '=', actor.communeId);
  } else if (query.scope === 'city' || !actor.roles.includes('admin')) {
    if (query.communeId && !actor.roles.includes('admin')) {
      throw forbidden('Sở Nội vụ xem nhật ký của dữ liệu chung thành phố; nhật ký của xã do xã quản trị.');
    }
    q = q.where(cityRows);
  } else {
    q = q.where((eb) => eb.or([eb('a.commune_id', 'in', visibleCommuneIds(ctx.db, actor)), cityRows(eb)]));
  }
  if (query.communeId && query.scope !== 'city')
    q = q.where('a.commune_id', '=', await resolveCommuneId(ctx.db, actor, query.communeId));
  if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.from)
    q = q.where('a.at', '>=', sql<Date>`(${query.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  if (query.to)
    q = q.where('a.at', '<', sql<Date>`(${query.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('api_tokens as t', 't.id', 'a.token_id')
      .selectAll('a')
      .select('t.name as token_name')
      .orderBy('a.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      objectName: auditObjectName(r.before, r.after),
      communeId: r.commune_id,
      cityId: r.city_id,
      token: r.token_id ? { id: r.token_id, name: r.token_name ?? '' } : null,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
    total: total.n,
    page: query.page,
    pageSize: query.pageSize,
  };
}
