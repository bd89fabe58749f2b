import { COMMUNE_KINDS } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { notFoundForCitizens } from '../http/errors.ts';
import { defineRoute, registerRoute } from '../http/route.ts';

/** The commune code in a public address, e.g. /api/public/communes/HP-BINHGIANG. */
export const communeCodeParams = z.strictObject({
  communeCode: z
    .string()
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'Mã xã, phường, đặc khu không hợp lệ.'),
});

/** The commune a public request names, or a Vietnamese 404. Public routes start here. */
export async function findPublicCommune(db: Kysely<DB>, code: string) {
  const commune = await db
    .selectFrom('communes')
    .innerJoin('cities', 'cities.id', 'communes.city_id')
    .select([
      'communes.id',
      'communes.code',
      'communes.name',
      'communes.kind',
      'cities.code as cityCode',
      'cities.name as cityName',
    ])
    .where('communes.code', '=', code.toUpperCase())
    .executeTakeFirst();
  if (!commune) throw notFoundForCitizens('Xã, phường, đặc khu không tồn tại.');
  return commune;
}

export function publicRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode',
      tag: 'public',
      summary: 'Thông tin công khai của một xã, phường, đặc khu (trang dành cho người dân)',
      access: 'public',
      params: communeCodeParams,
      response: z.object({
        code: z.string(),
        name: z.string(),
        kind: z.enum(COMMUNE_KINDS),
        city: z.object({ code: z.string(), name: z.string() }),
      }),
      handler: async ({ ctx, params }) => {
        const c = await findPublicCommune(ctx.db, params.communeCode);
        return { code: c.code, name: c.name, kind: c.kind, city: { code: c.cityCode, name: c.cityName } };
      },
    }),
  );
}
