import { DEFAULT_REMINDER_OFFSETS, reminderOffsetsProblem } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audited } from '../audit/service.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, registerRoute } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';

const Settings = z.object({ offsets: z.array(z.number()) });

/**
 * How many days before a task's due date its units are reminded (notification and mail), per
 * commune: 30, 7 and 1 unless the coordinator changes it. The reminder job reads the same row.
 */
export function reminderSettingsRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/settings/reminders',
      tag: 'plans',
      summary: 'Số ngày nhắc việc trước hạn của xã',
      access: 'user',
      query: z.strictObject({ communeId: z.uuid().optional() }),
      response: Settings,
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const row = await ctx.db
          .selectFrom('commune_settings')
          .select('reminder_offsets')
          .where('commune_id', '=', communeId)
          .executeTakeFirst();
        return { offsets: row?.reminder_offsets ?? [...DEFAULT_REMINDER_OFFSETS] };
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PUT',
      url: '/api/settings/reminders',
      tag: 'plans',
      summary: 'Đổi số ngày nhắc việc trước hạn (Phòng Văn hóa - Xã hội, quản trị)',
      access: { permission: 'plans.manage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        offsets: z.array(z.number()).max(20),
      }),
      example: { offsets: [30, 7, 1] },
      response: Settings,
      handler: async ({ ctx, body }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, body.communeId);
        const problem = reminderOffsetsProblem(body.offsets);
        if (problem) throw badRequest(problem, [{ path: 'offsets', message: problem }]);
        const offsets = [...body.offsets].sort((a, b) => b - a);
        const before = await ctx.db
          .selectFrom('commune_settings')
          .select('reminder_offsets')
          .where('commune_id', '=', communeId)
          .executeTakeFirst();
        return audited(ctx, async (trx) => {
          await trx
            .insertInto('commune_settings')
            .values({ commune_id: communeId, reminder_offsets: offsets, updated_at: new Date() })
            .onConflict((oc) =>
              oc.column('commune_id').doUpdateSet({ reminder_offsets: offsets, updated_at: new Date() }),
            )
            .execute();
          return {
            result: { offsets },
            audit: {
              action: 'plans.reminder_offsets.update',
              entityType: 'commune',
              entityId: communeId,
              communeId,
              before: { offsets: before?.reminder_offsets ?? [...DEFAULT_REMINDER_OFFSETS] },
              after: { offsets },
            },
          };
        });
      },
    }),
  );
}
