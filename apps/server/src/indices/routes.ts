import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { deleteIndex, INDEX_KINDS, listIndices, saveIndex } from './service.ts';

export const OfficialIndex = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  communeName: z.string(),
  year: z.number(),
  kind: z.enum(INDEX_KINDS),
  kindLabel: z.string(),
  value: z.number(),
  rank: z.number().nullable(),
  decision: z.string(),
  decisionDate: z.string().nullable(),
  note: z.string(),
  enteredBy: z.string(),
  updatedAt: z.string(),
});

export function indicesRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/official-indices',
      tag: 'indices',
      summary: 'Kết quả chính thức SIPAS, PAR INDEX: của xã mình, hoặc của các xã trong thành phố',
      access: 'user',
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
        kind: z.enum(INDEX_KINDS).optional(),
      }),
      response: z.array(OfficialIndex),
      handler: async ({ ctx, query }) =>
        listIndices(ctx.db, ctx.actor!, {
          ...query,
          communeId: query.communeId
            ? await resolveCommuneId(ctx.db, ctx.actor!, query.communeId)
            : undefined,
        }),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PUT',
      url: '/api/official-indices',
      tag: 'indices',
      summary:
        'Sở Nội vụ nhập (hoặc sửa) kết quả chính thức SIPAS, PAR INDEX của một xã trong một năm, kèm quyết định công bố',
      access: { permission: 'indices.manage' },
      body: z.strictObject({
        communeId: z.uuid(),
        year: z.number().int().min(2000).max(2100),
        kind: z.enum(INDEX_KINDS),
        value: z.number().min(0, 'Chỉ số từ 0 đến 100.').max(100, 'Chỉ số từ 0 đến 100.'),
        rank: z.number().int().min(1).max(10_000).nullable().optional(),
        decision: text(500),
        decisionDate: z.iso.date().nullable().optional(),
        note: optionalText(2000).optional(),
      }),
      example: {
        communeId: '00000000-0000-4000-8000-000000000000',
        year: 2026,
        kind: 'sipas',
        value: 86.45,
        decision: 'Quyết định số 512/QĐ-UBND ngày 20/3/2027 của Ủy ban nhân dân thành phố',
        decisionDate: '2027-03-20',
      },
      response: OfficialIndex,
      handler: ({ ctx, body }) => saveIndex(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/official-indices/:id',
      tag: 'indices',
      summary: 'Sở Nội vụ xóa một kết quả chỉ số nhập nhầm',
      access: { permission: 'indices.manage' },
      params: idParams,
      handler: ({ ctx, params }) => deleteIndex(ctx, params.id),
    }),
  );
}
