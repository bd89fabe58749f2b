import { last12Months, vietnamDate, vietnamRange } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, notFoundForCitizens } from '../http/errors.ts';
import { defineRoute, registerRoute } from '../http/route.ts';
import { communeCodeParams, findPublicCommune } from '../public/routes.ts';
import { KIOSK_HEADER } from './kiosks.ts';
import { activeQuestionnaire } from './questionnaires.ts';
import { counterFigures, questionnaireFigures } from './results.ts';
import { submitRating, submitSurvey } from './submit.ts';

const communeCode = communeCodeParams.shape.communeCode;
const conductKey = z.string().max(40);
const IndexResult = z.object({ ratings: z.number(), satisfied: z.number(), index: z.number().nullable() });
const Satisfaction = z.object({
  from: z.string(),
  to: z.string(),
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
  counter: IndexResult.extend({ withoutDossier: IndexResult }),
});

/** A device id the rating page keeps in the browser; a small limit of ratings without a code keys on it. */
function deviceOf(header: string | string[] | undefined): string | null {
  const v = Array.isArray(header) ? header[0] : header;
  return v && /^[A-Za-z0-9-]{8,64}$/.test(v) ? v : null;
}

export function satisfactionPublicRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/public/ratings',
      tag: 'satisfaction',
      summary:
        'Người dân đánh giá mức độ hài lòng tại quầy (một chạm; gửi lại cùng clientId không tạo bản mới)',
      access: 'public',
      body: z.strictObject({
        communeCode,
        counterId: z.uuid().optional(),
        officialId: z.uuid().optional(),
        procedureCode: z.string().trim().max(50).optional(),
        dossierCode: z
          .string()
          .trim()
          .max(40)
          .regex(/^[A-Za-z0-9./_-]*$/, 'Mã hồ sơ chỉ gồm chữ, số và các dấu . / _ -')
          .optional(),
        clientId: z.uuid(),
        score: z.number().int().min(1).max(5),
        conduct: z
          .strictObject({ done: z.array(conductKey).max(20), breaches: z.array(conductKey).max(20) })
          .optional(),
        comment: z.string().trim().max(2000).optional(),
        channel: z.enum(['qr', 'kiosk', 'web']),
        /** When it was given, by the device's clock: a rating kept offline and sent later (decision 0029). */
        givenAt: z.iso.datetime({ offset: true }).optional(),
      }),
      example: {
        communeCode: 'HP-BINHGIANG',
        clientId: '6f1c2b9e-4d7a-4c1e-9a3b-2e5f8d7c6b1a',
        score: 5,
        conduct: { done: ['xin_chao', 'luon_lang_nghe'], breaches: [] },
        comment: 'Cán bộ hướng dẫn tận tình.',
        channel: 'qr',
      },
      response: z.object({ id: z.uuid() }),
      status: 201,
      handler: async ({ ctx, body, req, reply }) => {
        const r = await submitRating(ctx, body, {
          deviceId: deviceOf(req.headers['x-cqtt-device']),
          kioskKey: req.headers[KIOSK_HEADER],
        });
        return reply.code(r.created ? 201 : 200).send({ id: r.id });
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/public/surveys/:questionnaireId/responses',
      tag: 'satisfaction',
      summary: 'Người dân trả lời phiếu khảo sát 5 yếu tố (SIPAS)',
      access: 'public',
      params: z.strictObject({ questionnaireId: z.uuid() }),
      body: z.strictObject({
        communeCode,
        dossierCode: z
          .string()
          .trim()
          .max(40)
          .regex(/^[A-Za-z0-9./_-]*$/, 'Mã hồ sơ chỉ gồm chữ, số và các dấu . / _ -')
          .optional(),
        clientId: z.uuid(),
        answers: z.record(z.string().max(40), z.number()).refine((a) => Object.keys(a).length <= 200, {
          message: 'Quá nhiều câu trả lời.',
        }),
      }),
      example: {
        communeCode: 'HP-BINHGIANG',
        clientId: '0b7e3c1a-2f4d-4e6a-8b9c-1d2e3f4a5b6c',
        answers: { tiep_can_1: 5, cong_chuc_1: 4 },
      },
      response: z.object({ id: z.uuid() }),
      status: 201,
      handler: async ({ ctx, params, body, reply }) => {
        const r = await submitSurvey(ctx, params.questionnaireId, body);
        return reply.code(r.created ? 201 : 200).send({ id: r.id });
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/questionnaire',
      tag: 'satisfaction',
      summary: 'Phiếu khảo sát đang dùng của xã (các yếu tố và câu hỏi)',
      access: 'public',
      params: communeCodeParams,
      response: z.object({
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
      }),
      handler: async ({ ctx, params }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const q = await activeQuestionnaire(ctx.db, commune.id);
        if (!q) throw notFoundForCitizens('Xã chưa có phiếu khảo sát đang dùng.');
        return {
          id: q.id,
          version: q.version,
          title: q.title,
          elements: q.elements.map((e) => ({
            key: e.key,
            name: e.name,
            questions: e.questions.map((x) => ({ key: x.key, text: x.text })),
          })),
        };
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/counters',
      tag: 'satisfaction',
      summary: 'Các quầy của Trung tâm Phục vụ hành chính công và cán bộ đang làm việc (trang đánh giá)',
      access: 'public',
      params: communeCodeParams,
      response: z.array(
        z.object({
          id: z.uuid(),
          number: z.number(),
          name: z.string(),
          officials: z.array(z.object({ id: z.uuid(), fullName: z.string(), title: z.string() })),
        }),
      ),
      handler: async ({ ctx, params }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const [counters, officials] = await Promise.all([
          ctx.db
            .selectFrom('service_counters')
            .select(['id', 'number', 'name'])
            .where('commune_id', '=', commune.id)
            .where('is_active', '=', true)
            .orderBy('number')
            .execute(),
          ctx.db
            .selectFrom('service_officials')
            .select(['id', 'full_name', 'title', 'counter_id'])
            .where('commune_id', '=', commune.id)
            .where('is_active', '=', true)
            .orderBy('full_name')
            .execute(),
        ]);
        return counters.map((c) => ({
          ...c,
          officials: officials
            .filter((o) => o.counter_id === c.id)
            .map((o) => ({ id: o.id, fullName: o.full_name, title: o.title })),
        }));
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/kiosk.webmanifest',
      tag: 'satisfaction',
      summary: 'Tệp manifest để cài trang đánh giá tại quầy (kiosk) như một ứng dụng trên máy tính bảng',
      access: 'public',
      params: communeCodeParams,
      handler: async ({ ctx, params, reply }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const scope = `/p/${commune.code}/kiosk`;
        return reply.type('application/manifest+json; charset=utf-8').send(
          JSON.stringify({
            name: `Đánh giá sự hài lòng - ${commune.name}`,
            short_name: 'Đánh giá',
            lang: 'vi',
            start_url: scope,
            scope,
            display: 'fullscreen',
            orientation: 'any',
            background_color: '#f3f5f8',
            theme_color: '#0b5cad',
            icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
          }),
        );
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/satisfaction',
      tag: 'satisfaction',
      summary:
        'Chỉ số hài lòng công khai của xã: tổng hợp, theo từng yếu tố và đánh giá tại quầy (mặc định 12 tháng gần nhất)',
      access: 'public',
      params: communeCodeParams,
      query: z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
      response: Satisfaction,
      handler: async ({ ctx, params, query }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const period = periodOf(query.from, query.to);
        const [q, counter] = await Promise.all([
          questionnaireFigures(ctx.db, commune.id, period.from, period.to),
          counterFigures(ctx.db, commune.id, period.from, period.to),
        ]);
        return { from: period.from, to: period.to, ...q, counter };
      },
    }),
  );
}

/** from..to as asked (both given, or the last 12 months), checked as Vietnamese dates. */
export function periodOf(from?: string, to?: string): { from: string; to: string } {
  if (!from && !to) return last12Months(vietnamDate(new Date()));
  if (!from || !to) {
    throw badRequest('Vui lòng nhập cả ngày bắt đầu (from) và ngày kết thúc (to).', [
      { path: from ? 'to' : 'from', message: 'Trường này là bắt buộc.' },
    ]);
  }
  const r = vietnamRange(from, to);
  if ('problem' in r) throw badRequest(r.problem, [{ path: 'to', message: r.problem }]);
  return { from, to };
}
