import { vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { attachmentHeader } from '../files/service.ts';
import { defineRoute, idParams, optionalText, pageQuery, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { figuresScope } from './access.ts';
import { answerRating, dashboard, hideRating, listRatings } from './dashboard.ts';
import { dossierFigures, enterDossier, importDossiers } from './dossiers.ts';
import { floods, voidBurst } from './floods.ts';
import { listKiosks, registerKiosk, revokeKiosk } from './kiosks.ts';
import { counterPoster, publicBase, ratingLink } from './poster.ts';
import { listQuestionnaires, saveQuestionnaire } from './questionnaires.ts';
import * as setup from './setup.ts';

const communeQuery = z.strictObject({ communeId: z.uuid().optional() });
const Id = z.object({ id: z.uuid() });
const IndexGroup = z.object({
  key: z.string().nullable(),
  label: z.string(),
  ratings: z.number(),
  satisfied: z.number(),
  index: z.number().nullable(),
});
const key = z.string().trim().min(1).max(40);
const QuestionnaireBody = z.strictObject({
  communeId: z.uuid().optional(),
  title: text(300),
  elements: z
    .array(
      z.strictObject({
        key,
        name: text(300),
        questions: z.array(z.strictObject({ key, text: text(1000) })).max(50),
      }),
    )
    .max(20),
});
const Counter = z.object({
  id: z.uuid(),
  number: z.number(),
  name: z.string(),
  isActive: z.boolean(),
  link: z.string(),
  officials: z.array(z.object({ id: z.uuid(), fullName: z.string(), title: z.string() })),
});

export function satisfactionRoutes(app: FastifyInstance) {
  // ----- Service centre setup: counters, officials, procedures -----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/counters',
      tag: 'satisfaction',
      summary: 'Các quầy của Trung tâm Phục vụ hành chính công',
      access: 'user',
      query: communeQuery,
      response: z.array(Counter),
      handler: async ({ ctx, query, req }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const commune = await ctx.db
          .selectFrom('communes')
          .select('code')
          .where('id', '=', communeId)
          .executeTakeFirstOrThrow();
        return (await setup.listCounters(ctx.db, communeId)).map((c) => ({
          ...c,
          link: ratingLink(publicBase(ctx.config, req), commune.code, c.id),
        }));
      },
    }),
  );
  const counterFields = {
    number: z.number().int().min(1).max(999),
    name: text(200),
    isActive: z.boolean().optional(),
  };
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/counters',
      tag: 'satisfaction',
      summary: 'Thêm quầy',
      access: 'user',
      body: z.strictObject({ communeId: z.uuid().optional(), ...counterFields }),
      example: { number: 9, name: 'Quầy thử nghiệm' },
      response: Id,
      status: 201,
      handler: ({ ctx, body }) => setup.createCounter(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/counters/:id',
      tag: 'satisfaction',
      summary: 'Sửa quầy',
      access: 'user',
      params: idParams,
      body: z.strictObject({
        number: counterFields.number.optional(),
        name: counterFields.name.optional(),
        isActive: z.boolean().optional(),
      }),
      example: { name: 'Tư pháp - Hộ tịch' },
      response: Id,
      handler: ({ ctx, params, body }) => setup.updateCounter(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/counters/:id/poster',
      tag: 'satisfaction',
      summary: 'Áp phích mã QR của quầy (SVG khổ A5, in hoặc lưu thành PNG)',
      access: 'user',
      params: idParams,
      handler: async ({ ctx, params, req, reply }) => {
        const poster = await counterPoster(ctx, params.id, publicBase(ctx.config, req));
        return reply
          .header('content-type', 'image/svg+xml; charset=utf-8')
          .header('content-disposition', attachmentHeader(poster.fileName))
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(poster.svg);
      },
    }),
  );

  const officialFields = {
    fullName: text(200),
    title: optionalText(200).optional(),
    userId: z.uuid().nullable().optional(),
    counterId: z.uuid().nullable().optional(),
    isActive: z.boolean().optional(),
  };
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/service-officials',
      tag: 'satisfaction',
      summary: 'Cán bộ làm việc tại các quầy',
      access: 'user',
      query: communeQuery,
      response: z.array(
        z.object({
          id: z.uuid(),
          fullName: z.string(),
          title: z.string(),
          userId: z.string().nullable(),
          username: z.string().nullable(),
          counterId: z.string().nullable(),
          isActive: z.boolean(),
        }),
      ),
      handler: async ({ ctx, query }) =>
        setup.listOfficials(ctx.db, await resolveCommuneId(ctx.db, ctx.actor!, query.communeId)),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/service-officials',
      tag: 'satisfaction',
      summary: 'Thêm cán bộ làm việc tại quầy',
      access: 'user',
      body: z.strictObject({ communeId: z.uuid().optional(), ...officialFields }),
      example: { fullName: 'Nguyễn Thị Thử', title: 'Công chức Tư pháp - Hộ tịch' },
      response: Id,
      status: 201,
      handler: ({ ctx, body }) => setup.createOfficial(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/service-officials/:id',
      tag: 'satisfaction',
      summary: 'Sửa cán bộ làm việc tại quầy (quầy, tài khoản, còn làm việc)',
      access: 'user',
      params: idParams,
      body: z.strictObject({
        fullName: officialFields.fullName.optional(),
        title: officialFields.title,
        userId: officialFields.userId,
        counterId: officialFields.counterId,
        isActive: officialFields.isActive,
      }),
      example: { title: 'Công chức Văn phòng - Thống kê' },
      response: Id,
      handler: ({ ctx, params, body }) => setup.updateOfficial(ctx, params.id, body),
    }),
  );

  const procedureFields = {
    code: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z0-9./_-]+$/, 'Mã thủ tục chỉ gồm chữ, số và các dấu . / _ -'),
    name: text(500),
    field: optionalText(200).optional(),
    isActive: z.boolean().optional(),
  };
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/procedures',
      tag: 'satisfaction',
      summary: 'Thủ tục hành chính tiếp nhận tại Trung tâm',
      access: 'user',
      query: communeQuery,
      response: z.array(
        z.object({
          id: z.uuid(),
          code: z.string(),
          name: z.string(),
          field: z.string(),
          isActive: z.boolean(),
        }),
      ),
      handler: async ({ ctx, query }) =>
        setup.listProcedures(ctx.db, await resolveCommuneId(ctx.db, ctx.actor!, query.communeId)),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/procedures',
      tag: 'satisfaction',
      summary: 'Thêm thủ tục hành chính',
      access: 'user',
      body: z.strictObject({ communeId: z.uuid().optional(), ...procedureFields }),
      example: { code: '9.999999', name: 'Thủ tục thử nghiệm', field: 'Hộ tịch' },
      response: Id,
      status: 201,
      handler: ({ ctx, body }) => setup.createProcedure(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/procedures/:id',
      tag: 'satisfaction',
      summary: 'Sửa thủ tục hành chính',
      access: 'user',
      params: idParams,
      body: z.strictObject({
        code: procedureFields.code.optional(),
        name: procedureFields.name.optional(),
        field: procedureFields.field,
        isActive: procedureFields.isActive,
      }),
      example: { field: 'Chứng thực' },
      response: Id,
      handler: ({ ctx, params, body }) => setup.updateProcedure(ctx, params.id, body),
    }),
  );

  // ----- Questionnaires (versioned) -----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/questionnaires',
      tag: 'satisfaction',
      summary: 'Các phiên bản phiếu khảo sát của xã (bản đang dùng đứng đầu)',
      access: 'user',
      query: communeQuery,
      response: z.array(
        z.object({
          id: z.uuid(),
          version: z.number(),
          title: z.string(),
          elements: z.array(
            z.object({
              key: z.string(),
              name: z.string(),
              questions: z.array(z.object({ key: z.string(), text: z.string() })),
            }),
          ),
          isActive: z.boolean(),
          responses: z.number(),
          createdAt: z.string(),
        }),
      ),
      handler: async ({ ctx, query }) =>
        listQuestionnaires(ctx.db, await resolveCommuneId(ctx.db, ctx.actor!, query.communeId)),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/questionnaires',
      tag: 'satisfaction',
      summary: 'Lưu phiếu khảo sát thành phiên bản mới và dùng phiên bản đó',
      access: 'user',
      body: QuestionnaireBody,
      example: {
        title: 'Phiếu khảo sát thử',
        elements: [
          { key: 'tiep_can', name: 'Tiếp cận dịch vụ', questions: [{ key: 'q1', text: 'Dễ tìm?' }] },
        ],
      },
      response: z.object({ id: z.uuid(), version: z.number() }),
      status: 201,
      handler: ({ ctx, body }) => saveQuestionnaire(ctx, body),
    }),
  );

  // ----- Dashboards, comments, moderation -----
  const period = {
    communeId: z.uuid().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  };
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/satisfaction/dashboard',
      tag: 'satisfaction',
      summary: 'Chỉ số hài lòng theo thời gian, quầy, cán bộ, thủ tục; «4 xin, 4 luôn, 5 không» theo cán bộ',
      access: 'user',
      query: z.strictObject({ ...period, granularity: z.enum(['day', 'month', 'year']).default('month') }),
      response: z.object({
        from: z.string(),
        to: z.string(),
        granularity: z.string(),
        ownOnly: z.boolean(),
        /** The plan's satisfaction target of the period's last year; null when the plan sets none. */
        target: z.number().nullable(),
        counter: z.object({
          ratings: z.number(),
          satisfied: z.number(),
          index: z.number().nullable(),
          withoutDossier: z.object({
            ratings: z.number(),
            satisfied: z.number(),
            index: z.number().nullable(),
          }),
          scores: z.array(z.number()),
        }),
        questionnaire: z
          .object({
            responses: z.number(),
            overall: z.number().nullable(),
            elements: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                answers: z.number(),
                satisfied: z.number(),
                index: z.number().nullable(),
              }),
            ),
          })
          .nullable(),
        trend: z.array(IndexGroup),
        byCounter: z.array(IndexGroup),
        byOfficial: z.array(IndexGroup),
        byProcedure: z.array(IndexGroup),
        conductCode: z.object({
          done: z.array(z.object({ key: z.string(), label: z.string() })),
          breaches: z.array(z.object({ key: z.string(), label: z.string() })),
        }),
        conduct: z.array(
          z.object({
            officialId: z.string(),
            fullName: z.string(),
            ratings: z.number(),
            done: z.record(z.string(), z.number()),
            breaches: z.record(z.string(), z.number()),
          }),
        ),
      }),
      handler: ({ ctx, query }) => dashboard(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/ratings',
      tag: 'satisfaction',
      summary: 'Các lượt đánh giá và ý kiến của người dân (mới nhất trước)',
      access: 'user',
      query: z.strictObject({
        ...period,
        withComment: z.enum(['true', 'false']).optional(),
        ...pageQuery,
      }),
      response: z.object({
        total: z.number(),
        items: z.array(
          z.object({
            id: z.uuid(),
            score: z.number(),
            satisfied: z.boolean(),
            comment: z.string(),
            channel: z.string(),
            dossierCode: z.string().nullable(),
            claimedDossierCode: z.string().nullable(),
            procedureCode: z.string().nullable(),
            conductDone: z.array(z.string()),
            conductBreaches: z.array(z.string()),
            counter: z.string().nullable(),
            official: z.string().nullable(),
            createdAt: z.string(),
            /** The day it counts on; with givenOn (a rating sent late) and why, when it was given before. */
            ratedOn: z.iso.date(),
            givenOn: z.iso.date().nullable(),
            countedOnArrival: z.enum(['closed', 'too-old']).nullable(),
            dayNote: z.string().nullable(),
            hidden: z.boolean(),
            hiddenReason: z.string().nullable(),
            answer: z.string().nullable(),
            answeredBy: z.string().nullable(),
            answeredAt: z.string().nullable(),
          }),
        ),
      }),
      handler: ({ ctx, query }) =>
        listRatings(ctx, {
          ...query,
          withComment: query.withComment === undefined ? undefined : query.withComment === 'true',
        }),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/ratings/:id/hide',
      tag: 'satisfaction',
      summary: 'Ẩn một lượt đánh giá kèm lý do (không sửa, không xóa; lưu nhật ký)',
      access: { permission: 'satisfaction.moderate' },
      params: idParams,
      body: z.strictObject({ reason: text(1000) }),
      example: { reason: 'Nội dung không liên quan đến dịch vụ.' },
      response: Id,
      handler: ({ ctx, params, body }) => hideRating(ctx, params.id, body.reason),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/ratings/:id/answer',
      tag: 'satisfaction',
      summary: 'Trả lời ý kiến của người dân',
      access: 'user',
      params: idParams,
      body: z.strictObject({ answer: text(4000) }),
      example: { answer: 'Cảm ơn ông/bà đã góp ý, Trung tâm đã nhắc nhở cán bộ.' },
      response: Id,
      handler: ({ ctx, params, body }) => answerRating(ctx, params.id, body.answer),
    }),
  );

  // ----- Floods of ratings: what the limits refused, bursts, voiding them -----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/satisfaction/floods',
      tag: 'satisfaction',
      summary:
        'Đánh giá bất thường: số lượt bị từ chối do giới hạn và từ đâu, các giờ một nguồn gửi quá nhiều, các lần vô hiệu hóa',
      access: 'user',
      query: z.strictObject(period),
      response: z.object({
        from: z.string(),
        to: z.string(),
        refused: z.number(),
        refusedBySource: z.array(
          z.object({ sourceKind: z.string(), source: z.string(), label: z.string(), refused: z.number() }),
        ),
        bursts: z.array(
          z.object({
            sourceKind: z.enum(['address', 'kiosk']),
            source: z.string(),
            label: z.string(),
            from: z.string(),
            to: z.string(),
            ratings: z.number(),
            withoutDossier: z.number(),
            satisfied: z.number(),
            refused: z.number(),
            voided: z.number(),
          }),
        ),
        voids: z.array(
          z.object({
            id: z.uuid(),
            label: z.string(),
            from: z.string(),
            to: z.string(),
            reason: z.string(),
            ratings: z.number(),
            createdAt: z.string(),
            createdBy: z.string().nullable(),
          }),
        ),
      }),
      handler: ({ ctx, query }) => floods(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/ratings/void',
      tag: 'satisfaction',
      summary:
        'Vô hiệu hóa các đánh giá một nguồn gửi trong một khoảng thời gian, kèm lý do (không xóa; không còn tính vào số liệu nào; lưu nhật ký)',
      access: { permission: 'satisfaction.moderate' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        sourceKind: z.enum(['address', 'kiosk']),
        source: z.string().trim().min(1).max(64),
        from: z.iso.datetime({ offset: true }),
        to: z.iso.datetime({ offset: true }),
        reason: text(1000),
        withDossier: z.boolean().optional(),
      }),
      example: {
        sourceKind: 'address',
        source: '203.0.113.7',
        from: '2026-11-29T01:00:00Z',
        to: '2026-11-29T02:00:00Z',
        reason: 'Một địa chỉ mạng gửi hàng trăm đánh giá trong một giờ.',
      },
      response: z.object({ id: z.uuid(), voided: z.number() }),
      handler: ({ ctx, body }) => voidBurst(ctx, body),
    }),
  );

  // ----- Counter tablets registered by the service centre -----
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/rating-kiosks',
      tag: 'satisfaction',
      summary: 'Các máy tính bảng đánh giá tại quầy đã đăng ký',
      access: 'user',
      query: communeQuery,
      response: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          counterId: z.string().nullable(),
          counter: z.string().nullable(),
          createdAt: z.string(),
          createdBy: z.string().nullable(),
          revokedAt: z.string().nullable(),
          lastRatingAt: z.string().nullable(),
        }),
      ),
      handler: ({ ctx, query }) => listKiosks(ctx, query.communeId),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/rating-kiosks',
      tag: 'satisfaction',
      summary:
        'Đăng ký một máy tính bảng đánh giá tại quầy: trả về một lần đường dẫn có khóa để mở trên máy (giới hạn tính theo máy, không theo địa chỉ mạng)',
      access: 'user',
      body: z.strictObject({
        communeId: z.uuid().optional(),
        name: text(200),
        counterId: z.uuid().nullable().optional(),
      }),
      example: { name: 'Máy tính bảng quầy 1' },
      response: z.object({ id: z.uuid(), key: z.string(), link: z.string() }),
      status: 201,
      handler: ({ ctx, body }) => registerKiosk(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/rating-kiosks/:id/revoke',
      tag: 'satisfaction',
      summary: 'Thu hồi một máy đánh giá tại quầy (mất máy, đổi máy)',
      access: 'user',
      params: idParams,
      response: Id,
      handler: ({ ctx, params }) => revokeKiosk(ctx, params.id),
    }),
  );

  // ----- Dossiers from the one-stop system -----
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/satisfaction/dossiers',
      tag: 'satisfaction',
      summary: 'Nhập tay một hồ sơ (khi chưa nhập danh sách từ hệ thống một cửa)',
      access: 'user',
      body: z.strictObject({
        communeId: z.uuid().optional(),
        code: z
          .string()
          .trim()
          .min(1)
          .max(40)
          .regex(/^[A-Za-z0-9./_-]+$/, 'Mã hồ sơ chỉ gồm chữ, số và các dấu . / _ -'),
        procedureCode: z.string().trim().max(50).optional(),
        receivedOn: z.iso.date().optional(),
        dueOn: z.iso.date().optional(),
      }),
      example: { code: 'HS-NHAP-TAY-1', procedureCode: '1.001193' },
      response: z.object({ id: z.uuid(), code: z.string() }),
      status: 201,
      handler: ({ ctx, body }) => enterDossier(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/satisfaction/dossiers/import',
      tag: 'satisfaction',
      summary: 'Nhập danh sách hồ sơ từ hệ thống một cửa (CSV hoặc XLSX, mã hóa base64)',
      access: 'user',
      tokenScope: 'satisfaction.manage',
      bodyLimit: 15 * 1024 * 1024,
      body: z.strictObject({
        communeId: z.uuid().optional(),
        fileName: text(255),
        contentBase64: z.base64().max(14 * 1024 * 1024),
      }),
      example: {
        fileName: 'ho-so.csv',
        contentBase64: Buffer.from(
          'Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái\nHS-THU-1,1.001612,02/01/2026,05/01/2026,05/01/2026,Đã trả kết quả\n',
        ).toString('base64'),
      },
      response: z.object({ imported: z.number() }),
      handler: ({ ctx, body }) => importDossiers(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/satisfaction/dossiers/on-time',
      tag: 'satisfaction',
      summary: 'Tỷ lệ hồ sơ trả kết quả đúng hạn trong năm',
      access: 'user',
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: z.coerce.number().int().min(2000).max(2100).optional(),
      }),
      response: z.object({
        year: z.number(),
        counted: z.number(),
        onTime: z.number(),
        late: z.number(),
        pending: z.number(),
        share: z.number().nullable(),
      }),
      handler: async ({ ctx, query }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        await figuresScope(ctx, communeId);
        const today = vietnamDate(new Date());
        return dossierFigures(ctx.db, communeId, query.year ?? Number(today.slice(0, 4)), today);
      },
    }),
  );
}
