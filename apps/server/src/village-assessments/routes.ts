import { VILLAGE_MODEL_ITEM_KEYS, VILLAGE_MODEL_ITEMS, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { tableXlsx } from '../documents/xlsx-table.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { defineRoute, idParams, optionalText, registerRoute } from '../http/route.ts';
import * as service from './service.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const count = (name: string) =>
  z.number().int(`${name} phải là số nguyên.`).min(0, `${name} không được âm.`).max(1_000_000);
const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() });
const Assessment = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  village: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number(),
  households: z.number(),
  culturalFamilies: z.number(),
  culturalFamilyShare: z.number().nullable(),
  modelItems: z.array(z.string()),
  meetsTitle: z.boolean(),
  proposeTitle: z.boolean(),
  note: z.string(),
  files: z.array(FileRef),
  status: z.enum(['draft', 'submitted', 'reviewed']),
  titleAchieved: z.boolean().nullable(),
  reviewNote: z.string(),
  reviewedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  reviewedAt: z.string().nullable(),
});
const fields = {
  households: count('Số hộ'),
  culturalFamilies: count('Số gia đình văn hóa'),
  modelItems: z
    .array(z.string().max(50))
    .max(VILLAGE_MODEL_ITEM_KEYS.length * 2)
    .optional(),
  proposeTitle: z.boolean().optional(),
  note: optionalText(5000).optional(),
  fileIds: z.array(z.uuid()).max(30).optional(),
};
const tableQuery = z.strictObject({
  communeId: z.uuid().optional(),
  year: year.optional(),
  villageId: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
});
const thisYear = () => Number(vietnamDate(new Date()).slice(0, 4));

export function villageAssessmentRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/village-assessments',
      tag: 'village-assessments',
      summary:
        'Bảng kết quả bình xét danh hiệu văn hóa của các thôn trong năm (mặc định năm nay); tìm không cần dấu',
      access: 'user',
      query: tableQuery,
      response: z.object({
        year: z.number(),
        activeVillages: z.number(),
        recognised: z.number(),
        cultureTitleShare: z.number().nullable(),
        villages: z.array(
          z.object({
            village: z.object({ id: z.uuid(), name: z.string() }),
            assessment: Assessment.nullable(),
            /** The caller may enter or edit this village's results (Phòng VH-XH: all; a village head: his own). */
            mayEnter: z.boolean(),
          }),
        ),
      }),
      handler: ({ ctx, query }) => service.yearTable(ctx, { ...query, year: query.year ?? thisYear() }),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/village-assessments/export.xlsx',
      tag: 'village-assessments',
      summary: 'Tải bảng kết quả các thôn trong năm dạng Excel (XLSX)',
      access: 'user',
      query: tableQuery,
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const y = query.year ?? thisYear();
        const table = await service.yearTable(ctx, { ...query, year: y });
        const bytes = await tableXlsx({
          sheetName: `Năm ${y}`,
          title: `KẾT QUẢ BÌNH XÉT DANH HIỆU VĂN HÓA CÁC THÔN NĂM ${y}`,
          subtitle: `Gắn với tiêu chí mô hình “Chính quyền thân thiện”. ${table.recognised}/${table.activeVillages} thôn đạt danh hiệu “Thôn văn hóa”.`,
          columns: [
            { header: 'STT', width: 6, center: true },
            { header: 'Thôn', width: 24 },
            { header: 'Tổng số hộ', width: 12, numFmt: '#,##0' },
            { header: 'Gia đình văn hóa', width: 14, numFmt: '#,##0' },
            { header: 'Tỷ lệ (%)', width: 10, numFmt: '0.0' },
            ...VILLAGE_MODEL_ITEMS.map((i) => ({ header: i.label, width: 22, center: true })),
            { header: 'Đề nghị công nhận', width: 12, center: true },
            { header: 'Kết quả', width: 20 },
            { header: 'Ghi chú', width: 30 },
          ],
          rows: table.villages.map(({ village, assessment: a }, i) =>
            a
              ? [
                  i + 1,
                  village.name,
                  a.households,
                  a.culturalFamilies,
                  a.culturalFamilyShare === null ? null : Math.round(a.culturalFamilyShare * 1000) / 10,
                  ...VILLAGE_MODEL_ITEMS.map((m) => (a.modelItems.includes(m.key) ? 'Đạt' : 'Chưa đạt')),
                  a.proposeTitle ? 'Có' : '',
                  a.titleAchieved === null ? 'Chưa xem xét' : a.titleAchieved ? 'Thôn văn hóa' : 'Chưa đạt',
                  [a.note, a.reviewNote].filter(Boolean).join(' — '),
                ]
              : [
                  i + 1,
                  village.name,
                  null,
                  null,
                  null,
                  ...VILLAGE_MODEL_ITEMS.map(() => ''),
                  '',
                  'Chưa nhập',
                  '',
                ],
          ),
        });
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header('content-disposition', attachmentHeader(`Danh hiệu văn hóa thôn ${y}.xlsx`))
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/village-assessments',
      tag: 'village-assessments',
      summary: 'Nhập kết quả năm của một thôn (trưởng thôn: chỉ thôn mình)',
      access: { permission: 'villages.assess' },
      body: z.strictObject({
        communeId: z.uuid().optional(),
        villageId: z.uuid(),
        year: z.number().int().min(2000).max(2100),
        ...fields,
      }),
      example: {
        villageId: '00000000-0000-4000-8000-000000000000',
        year: 2026,
        households: 412,
        culturalFamilies: 360,
        modelItems: ['democracy', 'outreach'],
      },
      response: Assessment,
      status: 201,
      handler: ({ ctx, body }) => service.createAssessment(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/village-assessments/:id',
      tag: 'village-assessments',
      summary: 'Một kết quả đánh giá thôn',
      access: 'user',
      params: idParams,
      response: Assessment,
      handler: ({ ctx, params }) => service.getAssessment(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/village-assessments/:id',
      tag: 'village-assessments',
      summary: 'Sửa kết quả của thôn (trước khi Phòng VH-XH xem xét)',
      access: { permission: 'villages.assess' },
      params: idParams,
      body: z.strictObject({
        households: fields.households.optional(),
        culturalFamilies: fields.culturalFamilies.optional(),
        modelItems: fields.modelItems,
        proposeTitle: fields.proposeTitle,
        note: fields.note,
        fileIds: fields.fileIds,
      }),
      example: { culturalFamilies: 370, proposeTitle: true },
      response: Assessment,
      handler: ({ ctx, params, body }) => service.updateAssessment(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/village-assessments/:id/submit',
      tag: 'village-assessments',
      summary: 'Trưởng thôn gửi kết quả cho Phòng Văn hóa - Xã hội',
      access: { permission: 'villages.assess' },
      params: idParams,
      response: Assessment,
      handler: ({ ctx, params }) => service.submitAssessment(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/village-assessments/:id/review',
      tag: 'village-assessments',
      summary: 'Phòng VH-XH xem xét, quyết định thôn đạt hay chưa đạt danh hiệu “Thôn văn hóa”',
      access: { permission: 'villages.review' },
      params: idParams,
      body: z.strictObject({ titleAchieved: z.boolean(), note: optionalText(2000).optional() }),
      example: { titleAchieved: true, note: 'Đủ điều kiện' },
      response: Assessment,
      handler: ({ ctx, params, body }) => service.reviewAssessment(ctx, params.id, body),
    }),
  );
}
