import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { audited } from '../audit/service.ts';
import { notFound } from '../http/errors.ts';
import { defineRoute, idParams, pageQuery, registerRoute } from '../http/route.ts';
import { listNotifications, toView, VIEW_COLUMNS } from './service.ts';

const notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/**
 * The caller's own notifications. Nobody reads or marks another user's: a
 * notification of someone else answers 404, like one that does not exist.
 * Marking read is the user's own state, yet it is a change, so it goes
 * through audited() like every other (docs/decisions/0009).
 */
export function notifyRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/notifications',
      tag: 'notify',
      summary: 'Thông báo của tôi, mới nhất trước, kèm số thông báo chưa đọc',
      access: 'user',
      query: z.strictObject({
        unreadOnly: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: z.object({ items: z.array(notification), unread: z.number(), total: z.number() }),
      handler: async ({ ctx, query }) =>
        listNotifications(ctx.db, ctx.actor!.userId, {
          page: query.page,
          pageSize: query.pageSize,
          unreadOnly: query.unreadOnly === 'true',
        }),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/notifications/:id/read',
      tag: 'notify',
      summary: 'Đánh dấu một thông báo của tôi là đã đọc',
      access: 'user',
      params: idParams,
      response: notification,
      handler: async ({ ctx, params }) => {
        const actor = ctx.actor!;
        return audited(ctx, async (trx) => {
          const before = await trx
            .selectFrom('notifications')
            .select(['commune_id', 'read_at'])
            .where('id', '=', params.id)
            .where('user_id', '=', actor.userId)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw notFound('Thông báo');
          const row = await trx
            .updateTable('notifications')
            .set({ read_at: sql<Date>`coalesce(read_at, now())` })
            .where('id', '=', params.id)
            .where('user_id', '=', actor.userId)
            .returning(VIEW_COLUMNS)
            .executeTakeFirstOrThrow();
          return {
            result: toView(row),
            audit: {
              action: 'notifications.read',
              entityType: 'notification',
              entityId: params.id,
              communeId: before.commune_id,
              before: { readAt: before.read_at },
              after: { readAt: row.read_at },
            },
          };
        });
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/notifications/read-all',
      tag: 'notify',
      summary: 'Đánh dấu mọi thông báo của tôi là đã đọc',
      access: 'user',
      response: z.object({ marked: z.number(), unread: z.number() }),
      handler: async ({ ctx }) => {
        const actor = ctx.actor!;
        return audited(ctx, async (trx) => {
          const rows = await trx
            .updateTable('notifications')
            .set({ read_at: sql<Date>`now()` })
            .where('user_id', '=', actor.userId)
            .where('read_at', 'is', null)
            .returning('id')
            .execute();
          return {
            result: { marked: rows.length, unread: 0 },
            audit: {
              action: 'notifications.read_all',
              entityType: 'user',
              entityId: actor.userId,
              communeId: actor.communeId,
              after: { marked: rows.length },
            },
          };
        });
      },
    }),
  );
}
