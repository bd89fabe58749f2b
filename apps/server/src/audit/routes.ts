import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { defineRoute, pageQuery, registerRoute } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

const day = z.iso.date();

export function auditRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/audit',
      tag: 'audit',
      summary: 'Nhật ký thay đổi: ai, khi nào, thay đổi gì (trước và sau)',
      access: { permission: 'audit.read' },
      query: z.strictObject({
        communeId: z.uuid().optional(),
        entityType: z.string().trim().max(50).optional(),
        entityId: z.string().trim().max(100).optional(),
        action: z.string().trim().max(80).optional(),
        from: day.optional(),
        to: day.optional(),
        ...pageQuery,
      }),
      response: z.object({
        items: z.array(
          z.object({
            id: z.number(),
            at: z.string(),
            actorId: z.uuid().nullable(),
            actorName: z.string(),
            action: z.string(),
            entityType: z.string(),
            entityId: z.string(),
            communeId: z.uuid().nullable(),
            before: z.unknown(),
            after: z.unknown(),
            requestId: z.string().nullable(),
          }),
        ),
        total: z.number(),
      }),
      handler: async ({ ctx, query }) => {
        const actor = ctx.actor!;
        let q = ctx.db.selectFrom('audit_log');
        // A commune administrator reads the rows of their commune; a city
        // administrator those of the city and of its communes.
        q = actor.communeId
          ? q.where('commune_id', '=', actor.communeId)
          : q.where((eb) =>
              eb.or([
                eb('commune_id', 'in', visibleCommuneIds(ctx.db, actor)),
                eb.and([eb('commune_id', 'is', null), eb('city_id', '=', actor.cityId)]),
              ]),
            );
        if (query.communeId)
          q = q.where('commune_id', '=', await resolveCommuneId(ctx.db, actor, query.communeId));
        if (query.entityType) q = q.where('entity_type', '=', query.entityType);
        if (query.entityId) q = q.where('entity_id', '=', query.entityId);
        if (query.action) q = q.where('action', '=', query.action);
        if (query.from)
          q = q.where(
            'at',
            '>=',
            sql<Date>`(${query.from}::date)::timestamp at time zone 'Asia/Ho_Chi_Minh'`,
          );
        if (query.to)
          q = q.where(
            'at',
            '<',
            sql<Date>`(${query.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`,
          );
        const [rows, total] = await Promise.all([
          q
            .selectAll()
            .orderBy('id', 'desc')
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
            communeId: r.commune_id,
            before: r.before,
            after: r.after,
            requestId: r.request_id,
          })),
          total: total.n,
        };
      },
    }),
  );
}
