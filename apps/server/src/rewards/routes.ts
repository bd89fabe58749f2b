import { NOMINEE_KINDS, REWARD_STATUSES, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dayCell, tableXlsx } from '../documents/xlsx-table.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { badRequest } from '../http/errors.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { rewardDecisionDocx } from './export-docx.ts';
import * as service from './service.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const Person = z.object({ id: z.string(), fullName: z.string() }).nullable();
const Reward = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  year: z.number(),
  nomineeKind: z.enum(NOMINEE_KINDS),
  nomineeKindLabel: z.string(),
  nomineeName: z.string(),
  nomineePosition: z.string(),
  unit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  village: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  achievements: z.string(),
  files: z.array(z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() })),
  nominatedBy: Person,
  nominatingUnit: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  status: z.enum(REWARD_STATUSES),
  statusLabel: z.string(),
  mttqComment: z.string(),
  commentedBy: Person,
  form: z.string(),
  decisionNumber: z.string(),
  decisionDate: z.string().nullable(),
  decisionNote: z.string(),
  decidedBy: Person,
});
const fields = {
  year: z.number().int().min(2000).max(2100),
  nomineeKind: z.enum(NOMINEE_KINDS),
  nomineeName: text(300),
  nomineePosition: optionalText(300).optional(),
  unitId: z.uuid().nullable().optional(),
  villageId: z.uuid().nullable().optional(),
  achievements: text(20_000),
  fileIds: z.array(z.uuid()).max(30).optional(),
};
const listQuery = z.strictObject({
  communeId: z.uuid().optional(),
  year: year.optional(),
  unitId: z.uuid().optional(),
  status: z.enum(REWARD_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});

export function rewardsRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/rewards',
      tag: 'rewards',
      summary: 'Đề nghị và kết quả khen thưởng; lọc theo năm, đơn vị, trạng thái; tìm không cần dấu',
      access: 'user',
      query: listQuery,
      response: z.array(Reward),
      handler: ({ ctx, query }) => service.listRewards(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/rewards/export.xlsx',
      tag: 'rewards',
      summary: 'Tải danh sách khen thưởng của năm (theo bộ lọc) dạng Excel (XLSX)',
      access: 'user',
      query: listQuery,
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const rows = await service.listRewards(ctx, { ...query, communeId });
        const bytes = await tableXlsx({
          sheetName: query.year ? `Năm ${query.year}` : 'Khen thưởng',
          title: `DANH SÁCH KHEN THƯỞNG THỰC HIỆN MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN”${query.year ? ` NĂM ${query.year}` : ''}`,
          columns: [
            { header: 'STT', width: 6, center: true },
            { header: 'Cá nhân / tập thể', width: 14 },
            { header: 'Họ tên, tên tập thể', width: 30 },
            { header: 'Chức vụ, đơn vị', width: 28 },
            { header: 'Thành tích', width: 50 },
            { header: 'Ý kiến MTTQ', width: 30 },
            { header: 'Kết quả', width: 18 },
            { header: 'Hình thức', width: 26 },
            { header: 'Số quyết định', width: 16 },
            { header: 'Ngày quyết định', width: 14, numFmt: 'dd/mm/yyyy', center: true },
          ],
          rows: rows.map((r, i) => [
            i + 1,
            r.nomineeKindLabel,
            r.nomineeName,
            [r.nomineePosition, r.unit?.name, r.village?.name].filter(Boolean).join(', '),
            r.achievements,
            r.mttqComment,
            r.statusLabel,
            r.form,
            r.decisionNumber,
            dayCell(r.decisionDate),
          ]),
        });
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header(
            'content-disposition',
            attachmentHeader(`Khen thưởng${query.year ? ` ${query.year}` : ''}.xlsx`),
          )
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/rewards',
      tag: 'rewards',
      summary: 'Đề nghị khen thưởng một cá nhân hoặc tập thể, kèm thành tích và minh chứng',
      access: { permission: 'rewards.nominate' },
      body: z.strictObject({ communeId: z.uuid().optional(), ...fields }),
      example: {
        year: 2026,
        nomineeKind: 'individual',
        nomineeName: 'Phạm Văn Đức',
        nomineePosition: 'Công chức Trung tâm Phục vụ hành chính công',
        achievements: 'Tiếp nhận 1.200 hồ sơ, không có hồ sơ trễ hạn; được người dân đánh giá hài lòng 98%.',
      },
      response: Reward,
      status: 201,
      handler: ({ ctx, body }) => service.nominate(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/rewards/:id',
      tag: 'rewards',
      summary: 'Một đề nghị khen thưởng',
      access: 'user',
      params: idParams,
      response: Reward,
      handler: ({ ctx, params }) => service.getReward(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/rewards/:id',
      tag: 'rewards',
      summary: 'Sửa đề nghị khen thưởng chưa có quyết định',
      access: { permission: 'rewards.nominate' },
      params: idParams,
      body: z.strictObject({
        year: fields.year.optional(),
        nomineeKind: fields.nomineeKind.optional(),
        nomineeName: fields.nomineeName.optional(),
        nomineePosition: fields.nomineePosition,
        unitId: fields.unitId,
        villageId: fields.villageId,
        achievements: fields.achievements.optional(),
        fileIds: fields.fileIds,
      }),
      example: { achievements: 'Bổ sung thành tích' },
      response: Reward,
      handler: ({ ctx, params, body }) => service.updateNomination(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/rewards/:id/comment',
      tag: 'rewards',
      summary: 'Ủy ban MTTQ xã cho ý kiến về đề nghị khen thưởng',
      access: { permission: 'rewards.comment' },
      params: idParams,
      body: z.strictObject({ comment: text(5000) }),
      example: { comment: 'Nhất trí đề nghị khen thưởng.' },
      response: Reward,
      handler: ({ ctx, params, body }) => service.comment(ctx, params.id, body.comment),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/rewards/:id/decide',
      tag: 'rewards',
      summary: 'Lãnh đạo quyết định: hình thức, số và ngày quyết định; hoặc không khen thưởng kèm lý do',
      access: { permission: 'rewards.decide' },
      params: idParams,
      body: z.strictObject({
        award: z.boolean(),
        form: optionalText(300).optional(),
        decisionNumber: optionalText(50).optional(),
        decisionDate: z.iso.date().optional(),
        note: optionalText(2000).optional(),
      }),
      example: {
        award: true,
        form: 'Giấy khen của Chủ tịch UBND xã',
        decisionNumber: '125/QĐ-UBND',
        decisionDate: '2026-11-20',
      },
      response: Reward,
      handler: ({ ctx, params, body }) => service.decide(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/rewards/:id/decision.docx',
      tag: 'rewards',
      summary: 'Tải quyết định khen thưởng dạng Word (DOCX) theo thể thức Nghị định 30/2020/NĐ-CP',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const reward = await service.getReward(ctx, params.id);
        if (reward.status !== 'awarded') throw badRequest('Đề nghị này chưa có quyết định khen thưởng.');
        const commune = await ctx.db
          .selectFrom('communes')
          .select('name')
          .where('id', '=', reward.communeId)
          .executeTakeFirstOrThrow();
        const bytes = await rewardDecisionDocx(reward, commune, reward.decidedBy?.fullName ?? '');
        reply
          .header('content-type', FILE_KINDS.docx.mime)
          .header(
            'content-disposition',
            attachmentHeader(`Quyết định khen thưởng ${reward.decisionNumber.replace(/\//g, '-')}.docx`),
          )
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
}

export const thisYear = () => Number(vietnamDate(new Date()).slice(0, 4));
