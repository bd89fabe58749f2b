import { BUDGET_SOURCE_LABELS, BUDGET_SOURCES, BUDGET_STATUSES, formatVnd, MAX_AMOUNT } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { budgetXlsx } from './export-xlsx.ts';
import * as service from './service.ts';

const year = z.coerce.number().int().min(2000).max(2100);
/** Whole đồng, never negative; the messages say so in Vietnamese. */
const amount = z
  .number()
  .int('Số tiền phải là số đồng nguyên.')
  .min(0, 'Số tiền không được âm.')
  .max(MAX_AMOUNT, `Số tiền không được vượt quá ${formatVnd(MAX_AMOUNT)}.`);
const source = z.enum(
  BUDGET_SOURCES,
  `Nguồn kinh phí phải là: ${Object.values(BUDGET_SOURCE_LABELS).join(', ')}.`,
);

const UnitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const Person = z.object({ id: z.string(), fullName: z.string() });
const Totals = z.object({
  estimated: z.number(),
  approved: z.number(),
  spent: z.number(),
  remaining: z.number(),
});
const Summary = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  year: z.number(),
  title: z.string(),
  status: z.enum(BUDGET_STATUSES),
  unit: UnitRef.nullable(),
  lineCount: z.number(),
  totals: Totals,
  updatedAt: z.string(),
});
const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() });
const Detail = Summary.extend({
  note: z.string(),
  decisionNote: z.string(),
  submittedAt: z.string().nullable(),
  submittedBy: Person.nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: Person.nullable(),
  bySource: z.record(
    z.string(),
    z.object({ estimated: z.number(), approved: z.number(), spent: z.number() }),
  ),
  lines: z.array(
    z.object({
      id: z.uuid(),
      number: z.number(),
      content: z.string(),
      amount: z.number(),
      source: z.enum(BUDGET_SOURCES),
      sourceLabel: z.string(),
      approvedAmount: z.number().nullable(),
      note: z.string(),
      spent: z.number(),
      remaining: z.number(),
      overspent: z.boolean(),
      spendings: z.array(
        z.object({
          id: z.uuid(),
          spentOn: z.string(),
          amount: z.number(),
          content: z.string(),
          overReason: z.string().nullable(),
          files: z.array(FileRef),
          createdBy: Person.nullable(),
        }),
      ),
    }),
  ),
});

const lineFields = {
  content: text(1000),
  amount,
  source,
  note: optionalText(2000).optional(),
};

export function budgetRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/budgets',
      tag: 'budget',
      summary: 'Danh sách dự toán kinh phí; lọc theo năm, đơn vị lập, tìm không cần dấu',
      access: 'user',
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: year.optional(),
        unitId: z.uuid().optional(),
        q: z.string().trim().max(200).optional(),
      }),
      response: z.array(Summary),
      handler: ({ ctx, query }) => service.listEstimates(ctx, query),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budgets',
      tag: 'budget',
      summary: 'Lập dự toán kinh phí của một năm (mỗi năm một dự toán)',
      access: { permission: 'budget.manage' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        year: z.number().int().min(2000).max(2100),
        title: text(500),
        unitId: z.uuid().nullable().optional(),
        note: optionalText(5000).optional(),
      }),
      example: { year: 2031, title: 'Dự toán kinh phí thực hiện mô hình “Chính quyền thân thiện” năm 2031' },
      response: Detail,
      status: 201,
      handler: ({ ctx, body }) => service.createEstimate(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/budgets/:id',
      tag: 'budget',
      summary: 'Một dự toán: các dòng, số được duyệt, các khoản chi và số còn lại',
      access: 'user',
      params: idParams,
      response: Detail,
      handler: ({ ctx, params }) => service.getEstimate(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/budgets/:id',
      tag: 'budget',
      summary: 'Sửa tên, ghi chú, đơn vị lập của dự toán đang lập',
      access: { permission: 'budget.manage' },
      params: idParams,
      body: z.strictObject({
        title: text(500).optional(),
        note: optionalText(5000).optional(),
        unitId: z.uuid().nullable().optional(),
      }),
      example: { title: 'Dự toán kinh phí năm 2026 (sửa)' },
      response: Detail,
      handler: ({ ctx, params, body }) => service.updateEstimate(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budgets/:id/lines',
      tag: 'budget',
      summary: 'Thêm một dòng vào dự toán đang lập (nội dung, số tiền, nguồn)',
      access: { permission: 'budget.manage' },
      params: idParams,
      body: z.strictObject(lineFields),
      example: { content: 'In pano, khẩu hiệu tuyên truyền', amount: 15_000_000, source: 'commune' },
      response: Detail,
      status: 201,
      handler: ({ ctx, params, body }) => service.addLine(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/budget-lines/:id',
      tag: 'budget',
      summary: 'Sửa một dòng của dự toán đang lập',
      access: { permission: 'budget.manage' },
      params: idParams,
      body: z.strictObject({
        content: lineFields.content.optional(),
        amount: amount.optional(),
        source: source.optional(),
        note: lineFields.note,
      }),
      example: { amount: 12_500_000 },
      response: Detail,
      handler: ({ ctx, params, body }) => service.updateLine(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/budget-lines/:id',
      tag: 'budget',
      summary: 'Xóa một dòng của dự toán đang lập',
      access: { permission: 'budget.manage' },
      params: idParams,
      response: Detail,
      handler: ({ ctx, params }) => service.deleteLine(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budgets/:id/submit',
      tag: 'budget',
      summary: 'Trình lãnh đạo phê duyệt dự toán',
      access: { permission: 'budget.manage' },
      params: idParams,
      response: Detail,
      handler: ({ ctx, params }) => service.submitEstimate(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budgets/:id/approve',
      tag: 'budget',
      summary: 'Lãnh đạo phê duyệt dự toán, ghi số được duyệt của từng dòng',
      access: { permission: 'budget.approve' },
      params: idParams,
      body: z.strictObject({
        lines: z
          .array(z.strictObject({ lineId: z.uuid(), approvedAmount: amount }))
          .min(1)
          .max(500),
        note: optionalText(2000).optional(),
      }),
      example: { lines: [{ lineId: '00000000-0000-4000-8000-000000000000', approvedAmount: 10_000_000 }] },
      response: Detail,
      handler: ({ ctx, params, body }) => service.approveEstimate(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budgets/:id/return',
      tag: 'budget',
      summary: 'Lãnh đạo trả lại dự toán để chỉnh sửa, kèm lý do',
      access: { permission: 'budget.approve' },
      params: idParams,
      body: z.strictObject({ reason: text(2000) }),
      example: { reason: 'Đề nghị rà soát lại dòng in pano cho sát giá thị trường.' },
      response: Detail,
      handler: ({ ctx, params, body }) => service.returnEstimate(ctx, params.id, body.reason),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/budget-lines/:id/spendings',
      tag: 'budget',
      summary: 'Ghi một khoản chi vào dòng đã duyệt, kèm chứng từ; chi vượt phải nêu lý do',
      access: { permission: 'budget.manage' },
      params: idParams,
      body: z.strictObject({
        spentOn: z.iso.date(),
        amount,
        content: text(1000),
        overReason: optionalText(2000).optional(),
        fileIds: z.array(z.uuid()).max(20).optional(),
      }),
      example: { spentOn: '2026-03-10', amount: 2_000_000, content: 'Thanh toán in 20 băng rôn' },
      response: Detail,
      status: 201,
      handler: ({ ctx, params, body }) => service.addSpending(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/budget-spendings/:id',
      tag: 'budget',
      summary: 'Xóa một khoản chi ghi nhầm',
      access: { permission: 'budget.manage' },
      params: idParams,
      response: Detail,
      handler: ({ ctx, params }) => service.deleteSpending(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/budgets/:id/export.xlsx',
      tag: 'budget',
      summary: 'Tải bảng dự toán, số duyệt, số đã chi của năm dạng Excel (XLSX)',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const detail = await service.getEstimate(ctx, params.id);
        const commune = await ctx.db
          .selectFrom('communes')
          .select('name')
          .where('id', '=', detail.communeId)
          .executeTakeFirstOrThrow();
        const bytes = await budgetXlsx(detail, commune.name);
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header('content-disposition', attachmentHeader(`Dự toán kinh phí ${detail.year}.xlsx`))
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
}
