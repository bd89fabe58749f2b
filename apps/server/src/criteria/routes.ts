import { MAX_LEVEL } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readUpload } from '../files/routes.ts';
import { attachmentHeader } from '../files/service.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import * as assessments from './assessments.ts';
import { assessmentReport } from './documents.ts';
import { overviewXlsx, scoresXlsx } from './exports.ts';
import { levelHistory, levelOverview } from './overview.ts';
import * as registrations from './registrations.ts';
import * as sets from './sets.ts';
import { setToXlsx, xlsxToSet } from './sets-xlsx.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const code = z.string().trim().max(50);
const name = z.string().trim().max(1000);

/** The interchange format of a criteria set (docs/contracts/criteria-api.md). */
export const CriteriaSetBody = z.strictObject({
  code,
  name,
  issuedBy: z.string().trim().max(500),
  decision: z.string().trim().max(500),
  effectiveFrom: z.string().max(20),
  groups: z
    .array(
      z.strictObject({
        code,
        name,
        criteria: z
          .array(
            z.strictObject({
              code,
              name,
              maxPoints: z.number(),
              passPoints: z.number().nullable().optional(),
              responsibleUnit: z.string().trim().max(20).nullable().optional(),
              evidence: z.string().max(5000).nullable().optional(),
              guidance: z.string().max(5000).nullable().optional(),
              /** A deduction criterion (điểm trừ): maxPoints is the cap it takes off the total. */
              deduction: z.boolean().nullable().optional(),
              indicators: z
                .array(
                  z.strictObject({
                    code,
                    name,
                    maxPoints: z.number(),
                    measure: z.string().trim().max(100).nullable().optional(),
                  }),
                )
                .max(100),
            }),
          )
          .max(200),
      }),
    )
    .max(50),
  levels: z
    .array(
      z.strictObject({
        level: z.number(),
        minTotal: z.number(),
        mandatory: z.array(code).max(500).nullable().optional(),
        minGroupShare: z.number().nullable().optional(),
        minIndex: z.record(z.string().max(100), z.number()).nullable().optional(),
      }),
    )
    .max(MAX_LEVEL),
});

export const setExample: z.input<typeof CriteriaSetBody> = {
  code: 'CQTT-THU',
  name: 'Bộ tiêu chí thử',
  issuedBy: 'UBND thành phố Hải Phòng',
  decision: '5049/QĐ-UBND',
  effectiveFrom: '2026-01-01',
  groups: [
    {
      code: 'I',
      name: 'Lãnh đạo, chỉ đạo',
      criteria: [
        {
          code: 'I.1',
          name: 'Ban hành kế hoạch',
          maxPoints: 10,
          responsibleUnit: 'VHXH',
          indicators: [
            { code: 'I.1.a', name: 'Kế hoạch ban hành đúng hạn', maxPoints: 5 },
            {
              code: 'I.1.b',
              name: 'Đăng ký mức độ trước 15/02',
              maxPoints: 5,
              measure: 'criteria.registrationOnTime',
            },
          ],
        },
      ],
    },
  ],
  levels: [{ level: 1, minTotal: 5, mandatory: ['I.1'] }],
};

const SetSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  version: z.number(),
  name: z.string(),
  issuedBy: z.string(),
  decision: z.string(),
  effectiveFrom: z.string(),
  maxTotal: z.number(),
  /** How many levels the set defines (1…N, as many as the city's decision). */
  levelCount: z.number(),
  /** How many deduction criteria (điểm trừ) it holds. */
  deductions: z.number(),
  createdAt: z.string(),
});
const Registration = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  communeName: z.string(),
  year: z.number(),
  targetLevel: z.number(),
  justification: z.string(),
  sentAt: z.string(),
  sentBy: z.string(),
  onTime: z.boolean(),
});
const assessmentParams = z.strictObject({ id: z.uuid(), indicatorCode: z.string().min(1).max(50) });

export function criteriaRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/criteria-sets',
      tag: 'criteria',
      summary: 'Các bộ tiêu chí của thành phố (mọi phiên bản)',
      access: 'user',
      response: z.array(SetSummary),
      handler: ({ ctx }) => sets.listSets(ctx.db, ctx.actor!),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/criteria-sets/:id',
      tag: 'criteria',
      summary: 'Một phiên bản bộ tiêu chí, theo định dạng trao đổi',
      access: 'user',
      params: idParams,
      status: 200,
      handler: ({ ctx, params }) => sets.getSet(ctx.db, ctx.actor!, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/criteria-sets',
      tag: 'criteria',
      summary: 'Nhập bộ tiêu chí (JSON); cùng mã thì thành phiên bản mới; lỗi nào cũng được liệt kê',
      access: { permission: 'criteria.manage_sets' },
      scope: 'city',
      body: CriteriaSetBody,
      example: setExample,
      bodyLimit: 2 * 1024 * 1024,
      response: z.object({ id: z.uuid(), code: z.string(), version: z.number() }),
      status: 201,
      handler: ({ ctx, body }) => sets.importSet(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/criteria-sets/import.xlsx',
      tag: 'criteria',
      summary: 'Nhập bộ tiêu chí từ tệp Excel (multipart, trường “file”; cùng các cột như JSON)',
      access: { permission: 'criteria.manage_sets' },
      scope: 'city',
      response: z.object({ id: z.uuid(), code: z.string(), version: z.number() }),
      status: 201,
      handler: async ({ ctx, req }) => {
        const upload = await readUpload(req);
        const input = await xlsxToSet(upload.bytes);
        const parsed = CriteriaSetBody.safeParse(input);
        if (!parsed.success) return sets.importSet(ctx, input);
        return sets.importSet(ctx, parsed.data);
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/criteria-sets/:id/export.xlsx',
      tag: 'criteria',
      summary: 'Tải bộ tiêu chí dạng Excel (cùng các cột dùng để nhập)',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const set = await sets.getSet(ctx.db, ctx.actor!, params.id);
        const bytes = await setToXlsx(set);
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            attachmentHeader(`Bộ tiêu chí ${set.code} phiên bản ${set.version}.xlsx`),
          );
        return bytes;
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/level-registrations',
      tag: 'criteria',
      summary: 'Đăng ký mức độ: của xã mình, hoặc của mọi xã trong thành phố',
      access: 'user',
      query: z.strictObject({ year: year.optional(), communeId: z.uuid().optional() }),
      response: z.array(Registration),
      handler: async ({ ctx, query }) => {
        if (query.communeId) await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        return registrations.listRegistrations(ctx.db, ctx.actor!, query);
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/level-registrations',
      tag: 'criteria',
      summary: 'Đăng ký mức độ của năm và gửi thành phố (gửi lại thì thay bản trước)',
      access: { permission: 'criteria.coordinate' },
      body: z.strictObject({
        year: z.number().int().min(2000).max(2100),
        targetLevel: z.number().int().min(1).max(MAX_LEVEL),
        justification: text(5000),
      }),
      example: {
        year: 2027,
        targetLevel: 3,
        justification: 'Xã đã đạt mức 2 năm 2026 và hoàn thành các nhiệm vụ.',
      },
      response: Registration,
      status: 201,
      handler: ({ ctx, body }) => registrations.register(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/assessments',
      tag: 'criteria',
      summary: 'Hồ sơ tự đánh giá: của xã mình, hoặc của mọi xã trong thành phố',
      access: 'user',
      query: z.strictObject({ year: year.optional(), communeId: z.uuid().optional() }),
      status: 200,
      handler: async ({ ctx, query }) => {
        if (query.communeId) await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        return assessments.listAssessments(ctx.db, ctx.actor!, query);
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/assessments',
      tag: 'criteria',
      summary: 'Mở hồ sơ tự đánh giá của năm cho xã mình, theo một phiên bản bộ tiêu chí',
      access: { permission: 'criteria.coordinate' },
      body: z.strictObject({ year: z.number().int().min(2000).max(2100), criteriaSetId: z.uuid() }),
      example: { year: 2027, criteriaSetId: '00000000-0000-4000-8000-000000000000' },
      response: z.object({ id: z.uuid() }),
      status: 201,
      handler: ({ ctx, body }) => assessments.openAssessment(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/assessments/:id',
      tag: 'criteria',
      summary: 'Một hồ sơ: tổng điểm, mức đạt, điểm từng nhóm, tiêu chí, chỉ tiêu, còn thiếu gì',
      access: 'user',
      params: idParams,
      status: 200,
      handler: ({ ctx, params }) => assessments.viewAssessment(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PUT',
      url: '/api/assessments/:id/scores/:indicatorCode',
      tag: 'criteria',
      summary: 'Chấm điểm một chỉ tiêu (tự chấm, giám sát điều chỉnh có lý do, hoặc thành phố thẩm định)',
      access: 'user',
      params: assessmentParams,
      body: z.strictObject({
        points: z.number(),
        note: optionalText(5000).optional(),
        fileIds: z.array(z.uuid()).max(50).optional(),
      }),
      example: { points: 4.5, note: 'Đã ban hành kế hoạch đúng hạn' },
      status: 200,
      handler: ({ ctx, params, body }) => assessments.setScore(ctx, params.id, params.indicatorCode, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/assessments/:id/scores/:indicatorCode/history',
      tag: 'criteria',
      summary: 'Lịch sử điểm của một chỉ tiêu: ai, khi nào, bước nào, lý do',
      access: 'user',
      params: assessmentParams,
      status: 200,
      handler: ({ ctx, params }) => assessments.scoreHistory(ctx, params.id, params.indicatorCode),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/assessments/:id/actions',
      tag: 'criteria',
      summary:
        'Chuyển bước hồ sơ: tổng hợp, kết thúc giám sát, duyệt, gửi thành phố (ban hành báo cáo tự đánh giá, có người ký), trả lại',
      access: 'user',
      params: idParams,
      body: z.strictObject({
        action: z.enum(assessments.ACTIONS),
        note: optionalText(2000).optional(),
        /** Who signs the self-assessment report issued on submission (default: the plan's signer). */
        signerName: optionalText(100).optional(),
        signerTitle: optionalText(100).optional(),
      }),
      example: { action: 'consolidate' },
      status: 200,
      handler: ({ ctx, params, body }) => assessments.act(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/assessments/:id/recognition',
      tag: 'criteria',
      summary: 'Thành phố ghi nhận mức độ công nhận, số và ngày quyết định',
      access: { permission: 'criteria.appraise' },
      scope: 'city',
      params: idParams,
      body: z.strictObject({
        level: z.number().int().min(0).max(MAX_LEVEL),
        decisionNumber: text(100),
        decisionDate: z.iso.date(),
        note: optionalText(2000).optional(),
      }),
      example: { level: 3, decisionNumber: '1234/QĐ-UBND', decisionDate: '2027-12-20' },
      status: 200,
      handler: ({ ctx, params, body }) => assessments.recognise(ctx, params.id, body),
    }),
  );

  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/assessments/:id/report.docx',
      tag: 'criteria',
      summary:
        'Báo cáo tự đánh giá (DOCX, thể thức Nghị định 30/2020) kèm bảng chấm điểm: bản đã ban hành khi gửi thành phố, hoặc dự thảo từ số liệu hiện tại',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const file = await assessmentReport(ctx, params.id);
        reply
          .header('content-type', DOCX)
          .header('content-disposition', attachmentHeader(file.name))
          .header('x-content-type-options', 'nosniff');
        return file.stream ?? file.bytes;
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/assessments/:id/scores.xlsx',
      tag: 'criteria',
      summary: 'Bảng chấm điểm (XLSX)',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const view = await assessments.viewAssessment(ctx, params.id);
        reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            attachmentHeader(`Bảng chấm điểm ${view.year} ${view.communeName}.xlsx`),
          );
        return scoresXlsx(view);
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/level-overview',
      tag: 'criteria',
      summary: 'Bảng các xã: mức đăng ký, trạng thái hồ sơ, mức tự đánh giá, mức công nhận',
      access: 'user',
      query: z.strictObject({ year }),
      status: 200,
      handler: ({ ctx, query }) => levelOverview(ctx.db, ctx.actor!, query.year),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/level-overview.xlsx',
      tag: 'criteria',
      summary: 'Bảng mức độ của mọi xã trong thành phố (XLSX)',
      access: 'user',
      query: z.strictObject({ year }),
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const rows = await levelOverview(ctx.db, ctx.actor!, query.year);
        reply
          .header('content-type', XLSX)
          .header(
            'content-disposition',
            attachmentHeader(`Mức độ chính quyền thân thiện ${query.year}.xlsx`),
          );
        return overviewXlsx(rows, query.year);
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/level-history',
      tag: 'criteria',
      summary: 'Mức độ qua các năm 2026-2030 so với mục tiêu của kế hoạch',
      access: 'user',
      query: z.strictObject({ communeId: z.uuid().optional() }),
      status: 200,
      handler: ({ ctx, query }) => levelHistory(ctx.db, ctx.actor!, query.communeId),
    }),
  );
}
