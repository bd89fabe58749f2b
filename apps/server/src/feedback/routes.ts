import { FEEDBACK_STATUSES, type FeedbackAction, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { audited } from '../audit/service.ts';
import { readReplica } from '../db/database.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, idParams, optionalText, pageQuery, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { communeCodeParams, findPublicCommune } from '../public/routes.ts';
import { holidaysOf } from './calendar.ts';
import { activeCategories, createCategory, listCategories, updateCategory } from './categories.ts';
import { itemDetail, listQueue } from './items.ts';
import { publicFeedbackSummary, rateFeedback, trackFeedback } from './public-view.ts';
import { feedbackStats } from './stats.ts';
import { limitFeedbackPosts, readMultipartFeedback, SubmitBody, submitFeedback } from './submit.ts';
import { act } from './workflow.ts';

const trackingParams = z.strictObject({ trackingCode: z.string().min(1).max(40) });
const yearQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const CategoryCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9_-]{1,40}$/, 'Mã lĩnh vực chỉ gồm chữ thường không dấu, số, - và _.');

const ItemView = z.object({ id: z.string(), status: z.enum(FEEDBACK_STATUSES) }).loose();

export function feedbackRoutes(app: FastifyInstance) {
  // ---- public: citizens, no account ----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/feedback-categories',
      tag: 'feedback',
      summary: 'Các lĩnh vực phản ánh, kiến nghị của xã và thời hạn trả lời (ngày làm việc)',
      access: 'public',
      params: communeCodeParams,
      response: z.array(z.object({ code: z.string(), name: z.string(), deadlineDays: z.number() })),
      handler: async ({ ctx, params }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        return (await activeCategories(ctx.db, commune.id)).map((c) => ({
          code: c.code,
          name: c.name,
          deadlineDays: c.deadlineDays,
        }));
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/feedback-summary',
      tag: 'feedback',
      summary:
        'Số phản ánh trong năm, tỷ lệ trả lời đúng hạn và các câu trả lời được công khai (không có thông tin cá nhân)',
      access: 'public',
      params: communeCodeParams,
      query: yearQuery,
      status: 200,
      // citizens read what officials wrote: a standby's second of lag is harmless (decision 0021)
      handler: async ({ ctx, params, query }) =>
        publicFeedbackSummary(
          { ...ctx, db: readReplica(ctx.db) },
          params.communeCode,
          query.year ?? Number(vietnamDate(new Date()).slice(0, 4)),
        ),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/public/feedback',
      tag: 'feedback',
      summary:
        'Gửi phản ánh, kiến nghị (JSON, hoặc multipart/form-data với các trường như JSON và tối đa 5 tệp ảnh/PDF trong trường “files”); trả về mã theo dõi',
      access: 'public',
      body: SubmitBody,
      multipart: true,
      example: {
        communeCode: 'HP-BINHGIANG',
        categoryCode: 'ha-tang',
        content: 'Đèn đường trục chính thôn Kẻ Sặt hỏng ba bóng, buổi tối rất tối.',
        address: 'Trục chính thôn Kẻ Sặt',
        allowPublish: true,
      },
      response: z.object({ trackingCode: z.string() }),
      status: 201,
      handler: async ({ ctx, req, body, reply }) => {
        await limitFeedbackPosts(ctx);
        const { body: fields, files } = req.isMultipart()
          ? await readMultipartFeedback(req)
          : { body, files: [] };
        const sent = await submitFeedback(ctx, fields, files);
        // the same clientId again: 200 with the first feedback's code
        return reply.code(sent.created ? 201 : 200).send({ trackingCode: sent.trackingCode });
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/feedback/:trackingCode',
      tag: 'feedback',
      summary: 'Theo dõi phản ánh bằng mã: trạng thái, lịch sử, câu trả lời (không có thông tin cá nhân)',
      access: 'public',
      params: trackingParams,
      status: 200,
      handler: async ({ ctx, params }) => trackFeedback(ctx, params.trackingCode),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/public/feedback/:trackingCode/rating',
      tag: 'feedback',
      summary: 'Người gửi đánh giá câu trả lời (hài lòng / chưa hài lòng), một lần',
      access: 'public',
      params: trackingParams,
      body: z.strictObject({ rating: z.enum(['satisfied', 'unsatisfied']) }),
      example: { rating: 'satisfied' },
      status: 200,
      handler: async ({ ctx, params, body }) => rateFeedback(ctx, params.trackingCode, body.rating),
    }),
  );

  // ---- the queue ----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/feedback',
      tag: 'feedback',
      summary: 'Hàng đợi phản ánh, kiến nghị và vướng mắc (lọc, tìm không dấu; hạn và quá hạn)',
      access: { permission: 'feedback.read' },
      query: z.strictObject({
        communeId: z.uuid().optional(),
        kind: z.enum(['feedback', 'difficulty']).optional(),
        status: z.enum([...FEEDBACK_STATUSES, 'open', 'overdue']).optional(),
        categoryId: z.uuid().optional(),
        unitId: z.uuid().optional(),
        q: z.string().max(200).optional(),
        ...pageQuery,
      }),
      status: 200,
      handler: async ({ ctx, query }) => listQueue(ctx, query),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/feedback/stats',
      tag: 'feedback',
      summary: 'Số liệu phản ánh của năm: theo trạng thái, quá hạn, tỷ lệ đúng hạn, tỷ lệ hài lòng',
      access: { permission: 'feedback.read' },
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
      status: 200,
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const today = vietnamDate(new Date());
        return feedbackStats(ctx.db, communeId, query.year ?? Number(today.slice(0, 4)), today);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/feedback/:id',
      tag: 'feedback',
      summary: 'Chi tiết một phản ánh: nội dung, tệp, lịch sử từng bước (ai, khi nào), các bước được làm',
      access: { permission: 'feedback.read' },
      params: idParams,
      status: 200,
      handler: async ({ ctx, params }) => itemDetail(ctx, params.id),
    }),
  );

  const actionRoute = <B extends z.ZodObject>(
    action: FeedbackAction,
    path: string,
    summary: string,
    permission: 'feedback.triage' | 'feedback.answer' | 'feedback.approve' | 'feedback.read',
    body: B,
    example: z.input<B>,
  ) =>
    registerRoute(
      app,
      defineRoute({
        method: 'POST',
        url: `/api/feedback/:id/${path}`,
        tag: 'feedback',
        summary,
        access: { permission },
        params: idParams,
        body,
        example: example as never,
        response: ItemView,
        handler: async ({ ctx, params, body: b }) => act(ctx, params.id, action, b as never),
      }),
    );

  actionRoute(
    'accept',
    'accept',
    'Tiếp nhận phản ánh (chờ phân công)',
    'feedback.triage',
    z.strictObject({ note: optionalText(2000).optional() }),
    { note: '' },
  );
  actionRoute(
    'reject',
    'reject',
    'Không thụ lý, có lý do (người dân thấy lý do)',
    'feedback.triage',
    z.strictObject({ reason: text(2000) }),
    {
      reason: 'Nội dung không thuộc thẩm quyền của UBND xã.',
    },
  );
  actionRoute(
    'merge',
    'merge',
    'Gộp vào một phản ánh trùng nội dung',
    'feedback.triage',
    z.strictObject({ intoId: z.uuid(), note: optionalText(2000).optional() }),
    {
      intoId: '00000000-0000-4000-8000-000000000000',
    },
  );
  actionRoute(
    'route_out',
    'route-out',
    'Đánh dấu khiếu nại, tố cáo và chuyển theo quy định (ghi nơi chuyển, hướng dẫn người dân)',
    'feedback.triage',
    z.strictObject({ note: text(2000) }),
    { note: 'Đơn có nội dung tố cáo; đã chuyển Thanh tra theo Luật Tố cáo 2018.' },
  );
  actionRoute(
    'assign',
    'assign',
    'Giao đơn vị xử lý (hoặc giao lại)',
    'feedback.triage',
    z.strictObject({ unitId: z.uuid(), note: optionalText(2000).optional() }),
    {
      unitId: '00000000-0000-4000-8000-000000000000',
    },
  );
  actionRoute(
    'draft',
    'draft',
    'Đơn vị dự thảo trả lời',
    'feedback.answer',
    z.strictObject({ answer: text(10_000) }),
    {
      answer: 'UBND xã đã chỉ đạo thay bóng đèn trong tuần.',
    },
  );
  actionRoute(
    'return',
    'return',
    'Lãnh đạo trả lại dự thảo cho đơn vị, có ý kiến',
    'feedback.approve',
    z.strictObject({ note: text(2000) }),
    {
      note: 'Bổ sung thời gian hoàn thành.',
    },
  );
  actionRoute(
    'approve',
    'approve',
    'Lãnh đạo duyệt trả lời (mặc định công bố ngay cho người dân)',
    'feedback.approve',
    z.strictObject({ publish: z.boolean().optional(), note: optionalText(2000).optional() }),
    { publish: true },
  );
  actionRoute(
    'publish',
    'publish',
    'Công bố câu trả lời đã duyệt',
    'feedback.read',
    z.strictObject({ note: optionalText(2000).optional() }),
    {
      note: '',
    },
  );

  // ---- categories and holidays ----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/feedback-categories',
      tag: 'feedback',
      summary: 'Lĩnh vực phản ánh của xã (cả lĩnh vực đã ngừng)',
      access: { permission: 'feedback.read' },
      query: z.strictObject({ communeId: z.uuid().optional() }),
      status: 200,
      handler: async ({ ctx, query }) => listCategories(ctx, query.communeId),
    }),
  );
  const CategoryBody = z.strictObject({
    code: CategoryCode,
    name: text(200),
    description: optionalText(1000).optional(),
    deadlineDays: z.number().int().min(0).max(90),
    sortOrder: z.number().int().min(0).max(1000).optional(),
    isActive: z.boolean().optional(),
  });
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/feedback-categories',
      tag: 'feedback',
      summary: 'Thêm lĩnh vực phản ánh với thời hạn trả lời (ngày làm việc)',
      access: { permission: 'feedback.triage' },
      body: CategoryBody.extend({ communeId: z.uuid().optional() }),
      example: { code: 'giao-duc', name: 'Giáo dục', deadlineDays: 10 },
      status: 201,
      handler: async ({ ctx, body }) => createCategory(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/feedback-categories/:id',
      tag: 'feedback',
      summary: 'Sửa lĩnh vực phản ánh (tên, thời hạn, ngừng nhận)',
      access: { permission: 'feedback.triage' },
      params: idParams,
      body: CategoryBody.partial(),
      example: { deadlineDays: 7 },
      status: 200,
      handler: async ({ ctx, params, body }) => updateCategory(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/holidays',
      tag: 'feedback',
      summary: 'Ngày nghỉ lễ, Tết mà thời hạn trả lời bỏ qua (của thành phố và của xã)',
      access: { permission: 'feedback.read' },
      query: z.strictObject({ communeId: z.uuid().optional() }),
      status: 200,
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const rows = await ctx.db
          .selectFrom('holidays')
          .select(['day', 'name', 'commune_id'])
          .where((eb) =>
            eb.or([
              eb('commune_id', '=', communeId),
              eb('city_id', '=', eb.selectFrom('communes').select('city_id').where('id', '=', communeId)),
            ]),
          )
          .orderBy('day')
          .execute();
        return rows.map((r) => ({
          day: r.day,
          name: r.name,
          scope: r.commune_id ? ('commune' as const) : ('city' as const),
        }));
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PUT',
      url: '/api/holidays',
      tag: 'feedback',
      summary: 'Thay danh sách ngày nghỉ riêng của xã (ngoài danh sách của thành phố)',
      access: { permission: 'feedback.triage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        days: z
          .array(
            z.strictObject({ day: z.iso.date('Ngày phải theo dạng YYYY-MM-DD.'), name: optionalText(200) }),
          )
          .max(100),
      }),
      example: { days: [{ day: '2026-03-15', name: 'Lễ hội truyền thống của xã' }] },
      response: z.array(z.object({ day: z.string(), name: z.string() })),
      handler: async ({ ctx, body }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, body.communeId);
        const unique = new Set(body.days.map((d) => d.day));
        if (unique.size !== body.days.length)
          throw badRequest('Danh sách có ngày bị lặp.', [{ path: 'days', message: 'Ngày bị lặp.' }]);
        const before = await holidaysOf(ctx.db, communeId);
        return audited(ctx, async (trx) => {
          await trx.deleteFrom('holidays').where('commune_id', '=', communeId).execute();
          if (body.days.length > 0)
            await trx
              .insertInto('holidays')
              .values(
                body.days.map((d) => ({ commune_id: communeId, city_id: null, day: d.day, name: d.name })),
              )
              .execute();
          return {
            result: body.days,
            audit: {
              action: 'feedback.holidays.replace',
              entityType: 'commune',
              entityId: communeId,
              communeId,
              before: [...before],
              after: body.days,
            },
          };
        });
      },
    }),
  );
}
