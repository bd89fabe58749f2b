import { COMMUNE_KINDS } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../http/errors.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from './scope.ts';
import * as service from './service.ts';
import * as store from './store.ts';

const communeQuery = z.strictObject({ communeId: z.uuid().optional() });

const Commune = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(COMMUNE_KINDS),
  cityId: z.uuid(),
});
const Unit = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  isActive: z.boolean(),
});
const Village = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  name: z.string(),
  headName: z.string(),
  households: z.number().int().nullable(),
  isActive: z.boolean(),
});
const households = z.number().int().min(0).max(1_000_000).nullable();

export function orgRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/communes',
      tag: 'org',
      summary:
        'Các xã, phường, đặc khu người dùng được xem (cán bộ xã: xã của mình; Sở Nội vụ: cả thành phố)',
      access: 'user',
      response: z.array(
        Commune.extend({ unitCount: z.number(), villageCount: z.number(), userCount: z.number() }),
      ),
      handler: async ({ ctx }) =>
        (await store.listCommunes(ctx.db, ctx.actor!)).map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          kind: c.kind,
          cityId: c.city_id,
          unitCount: c.unit_count,
          villageCount: c.village_count,
          userCount: c.user_count,
        })),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/communes/:id',
      tag: 'org',
      summary: 'Thông tin một xã, phường, đặc khu',
      access: 'user',
      params: idParams,
      response: Commune.extend({ city: z.object({ id: z.uuid(), code: z.string(), name: z.string() }) }),
      handler: async ({ ctx, params }) => {
        const c = await store.findCommune(ctx.db, ctx.actor!, params.id);
        if (!c) throw notFound('Xã, phường, đặc khu');
        return {
          id: c.id,
          code: c.code,
          name: c.name,
          kind: c.kind,
          cityId: c.city_id,
          city: { id: c.city_id, code: c.city_code, name: c.city_name },
        };
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/units',
      tag: 'org',
      summary: 'Các cơ quan, đơn vị của xã',
      access: 'user',
      query: communeQuery,
      response: z.array(Unit),
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        return (await store.listUnits(ctx.db, communeId)).map(service.unitView);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/units',
      tag: 'org',
      summary: 'Thêm cơ quan, đơn vị',
      access: { permission: 'org.manage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        code: z
          .string()
          .trim()
          .toUpperCase()
          .regex(
            /^[A-Z0-9_]{1,20}$/,
            'Mã chỉ gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, tối đa 20 ký tự.',
          ),
        name: text(200),
        description: optionalText(1000).optional(),
      }),
      response: Unit,
      status: 201,
      example: { code: 'TTYT', name: 'Trạm Y tế xã', description: 'Phối hợp tuyên truyền' },
      handler: ({ ctx, body }) => service.createUnit(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/units/:id',
      tag: 'org',
      summary: 'Sửa hoặc ngừng sử dụng cơ quan, đơn vị',
      access: { permission: 'org.manage' },
      params: idParams,
      body: z.strictObject({
        name: text(200).optional(),
        description: optionalText(1000).optional(),
        isActive: z.boolean().optional(),
      }),
      response: Unit,
      example: { name: 'Phòng Văn hóa - Xã hội', description: 'Đầu mối tổng hợp' },
      handler: ({ ctx, params, body }) => service.updateUnit(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/villages',
      tag: 'org',
      summary: 'Các thôn của xã',
      access: 'user',
      query: communeQuery,
      response: z.array(Village),
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        return (await store.listVillages(ctx.db, communeId)).map(service.villageView);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/villages',
      tag: 'org',
      summary: 'Thêm thôn',
      access: { permission: 'org.manage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        name: text(200),
        headName: optionalText(200).optional(),
        households: households.optional(),
      }),
      response: Village,
      status: 201,
      example: { name: 'Thôn Đông Lâm', headName: 'Nguyễn Văn An', households: 320 },
      handler: ({ ctx, body }) => service.createVillage(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/villages/:id',
      tag: 'org',
      summary: 'Sửa hoặc ngừng sử dụng thôn',
      access: { permission: 'org.manage' },
      params: idParams,
      body: z.strictObject({
        name: text(200).optional(),
        headName: optionalText(200).optional(),
        households: households.optional(),
        isActive: z.boolean().optional(),
      }),
      response: Village,
      example: { headName: 'Trần Thị Bích', households: 330 },
      handler: ({ ctx, params, body }) => service.updateVillage(ctx, params.id, body),
    }),
  );
}
