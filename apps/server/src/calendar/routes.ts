import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audited } from '../audit/service.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, optionalText, registerRoute } from '../http/route.ts';

const Day = z.object({ day: z.string(), name: z.string() });
const year = z.coerce.number().int().min(2000).max(2100);
/** The first and last day of a year, both included. */
const yearBounds = (y: number) => [`${y}-01-01`, `${y}-12-31`] as const;

/**
 * The city's days off (Tết and public holidays, decided each year), which every commune's
 * working-day deadlines skip (feedback answers, difficulties). Communes add their own days in
 * the feedback settings; the city keeps this list, year by year.
 */
export function calendarRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/city-holidays',
      tag: 'calendar',
      summary: 'Ngày nghỉ lễ, Tết của thành phố trong một năm',
      access: 'user',
      query: z.strictObject({ year }),
      response: z.array(Day),
      handler: ({ ctx, query }) =>
        ctx.db
          .selectFrom('holidays')
          .select(['day', 'name'])
          .where('city_id', '=', ctx.actor!.cityId)
          .where((eb) => eb.between('day', ...yearBounds(query.year)))
          .orderBy('day')
          .execute(),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PUT',
      url: '/api/city-holidays',
      tag: 'calendar',
      summary: 'Thay danh sách ngày nghỉ lễ, Tết của thành phố trong một năm (Sở Nội vụ)',
      access: { permission: 'calendar.manage_city' },
      scope: 'city',
      body: z.strictObject({
        year,
        days: z
          .array(
            z.strictObject({ day: z.iso.date('Ngày phải theo dạng YYYY-MM-DD.'), name: optionalText(200) }),
          )
          .max(60),
      }),
      example: {
        year: 2027,
        days: [
          { day: '2027-02-05', name: 'Tết Nguyên đán' },
          { day: '2027-04-16', name: 'Giỗ Tổ Hùng Vương' },
        ],
      },
      response: z.array(Day),
      handler: async ({ ctx, body }) => {
        const actor = ctx.actor!;
        const problems = body.days.flatMap((d, i) =>
          d.day.startsWith(`${body.year}-`)
            ? []
            : [{ path: `days.${i}.day`, message: `Ngày ${d.day} không thuộc năm ${body.year}.` }],
        );
        if (new Set(body.days.map((d) => d.day)).size !== body.days.length) {
          problems.push({ path: 'days', message: 'Danh sách có ngày bị lặp.' });
        }
        if (problems.length) throw badRequest(problems[0]!.message, problems);
        const before = await ctx.db
          .selectFrom('holidays')
          .select(['day', 'name'])
          .where('city_id', '=', actor.cityId)
          .where((eb) => eb.between('day', ...yearBounds(body.year)))
          .orderBy('day')
          .execute();
        const days = [...body.days].sort((a, b) => a.day.localeCompare(b.day));
        return audited(ctx, async (trx) => {
          await trx
            .deleteFrom('holidays')
            .where('city_id', '=', actor.cityId)
            .where((eb) => eb.between('day', ...yearBounds(body.year)))
            .execute();
          if (days.length > 0) {
            await trx
              .insertInto('holidays')
              .values(
                days.map((d) => ({ city_id: actor.cityId, commune_id: null, day: d.day, name: d.name })),
              )
              .execute();
          }
          return {
            result: days,
            audit: {
              action: 'calendar.city_holidays.replace',
              entityType: 'city',
              entityId: actor.cityId,
              communeId: null,
              cityId: actor.cityId,
              before: { year: body.year, days: before },
              after: { year: body.year, days },
            },
          };
        });
      },
    }),
  );
}
