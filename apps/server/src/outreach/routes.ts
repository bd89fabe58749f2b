import {
  CONDUCT_SLOGANS,
  GOOD_EXAMPLE_KINDS,
  OUTREACH_KIND_LABELS,
  OUTREACH_KINDS,
  vietnamDate,
} from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { dayCell, tableXlsx } from '../documents/xlsx-table.ts';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { communeCodeParams, findPublicCommune } from '../public/routes.ts';
import * as activities from './activities.ts';
import * as examples from './examples.ts';
import * as library from './library.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const kind = z.enum(
  OUTREACH_KINDS,
  `Hình thức tuyên truyền phải là: ${Object.values(OUTREACH_KIND_LABELS).join(', ')}.`,
);
const link = z
  .string()
  .trim()
  .max(1000)
  .regex(/^https?:\/\/\S+$/, 'Đường liên kết phải bắt đầu bằng http:// hoặc https://.');
const UnitRef = z.object({ id: z.uuid(), code: z.string(), name: z.string() });
const NamedRef = z.object({ id: z.uuid(), name: z.string() });
const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() });
const Activity = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  kind,
  kindLabel: z.string(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string(),
  village: NamedRef.nullable(),
  unit: UnitRef.nullable(),
  audience: z.number().nullable(),
  content: z.string(),
  documents: z.array(z.object({ id: z.uuid(), number: z.string(), title: z.string() })),
  files: z.array(FileRef),
  links: z.array(z.string()),
  isPublic: z.boolean(),
  createdBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
});
const Document = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  number: z.string(),
  issuedOn: z.string().nullable(),
  issuer: z.string(),
  title: z.string(),
  summary: z.string(),
  file: FileRef.nullable(),
});
const Example = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  kind: z.enum(GOOD_EXAMPLE_KINDS),
  kindLabel: z.string(),
  year: z.number(),
  subject: z.string(),
  unit: UnitRef.nullable(),
  village: NamedRef.nullable(),
  title: z.string(),
  content: z.string(),
  files: z.array(FileRef),
  links: z.array(z.string()),
});

const activityFields = {
  kind,
  title: text(500),
  heldOn: z.iso.date(),
  place: optionalText(500).optional(),
  villageId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  audience: z
    .number()
    .int('Số người tham dự phải là số nguyên.')
    .min(0, 'Số người tham dự không được âm.')
    .max(10_000_000)
    .nullable()
    .optional(),
  content: optionalText(20_000).optional(),
  documentIds: z.array(z.uuid()).max(50).optional(),
  fileIds: z.array(z.uuid()).max(30).optional(),
  links: z.array(link).max(20).optional(),
  isPublic: z.boolean().optional(),
};
const documentFields = {
  number: optionalText(100).optional(),
  issuedOn: z.iso.date().nullable().optional(),
  issuer: optionalText(300).optional(),
  title: text(1000),
  summary: optionalText(10_000).optional(),
  fileId: z.uuid().nullable().optional(),
};
const exampleFields = {
  kind: z.enum(GOOD_EXAMPLE_KINDS),
  year: z.number().int().min(2000).max(2100),
  subject: text(500),
  unitId: z.uuid().nullable().optional(),
  villageId: z.uuid().nullable().optional(),
  title: text(500),
  content: optionalText(20_000).optional(),
  fileIds: z.array(z.uuid()).max(30).optional(),
  links: z.array(link).max(20).optional(),
};
const partial = <T extends Record<string, z.ZodType>>(fields: T) =>
  z.strictObject(
    Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof T]: z.ZodOptional<T[K]>;
    },
  );

const activityFilter = z.strictObject({
  communeId: z.uuid().optional(),
  year: year.optional(),
  unitId: z.uuid().optional(),
  villageId: z.uuid().optional(),
  kind: kind.optional(),
  q: z.string().trim().max(200).optional(),
});

export function outreachRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-activities',
      tag: 'outreach',
      summary: 'Hoạt động tuyên truyền; lọc theo năm, đơn vị, thôn, hình thức; tìm không cần dấu',
      access: 'user',
      query: activityFilter,
      response: z.array(Activity),
      handler: ({ ctx, query }) => activities.listActivities(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-activities/export.xlsx',
      tag: 'outreach',
      summary: 'Tải danh sách hoạt động tuyên truyền (theo bộ lọc) dạng Excel (XLSX)',
      access: 'user',
      query: activityFilter,
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const rows = await activities.listActivities(ctx, { ...query, communeId });
        const commune = await ctx.db
          .selectFrom('communes')
          .select('name')
          .where('id', '=', communeId)
          .executeTakeFirstOrThrow();
        const bytes = await tableXlsx({
          sheetName: query.year ? `Năm ${query.year}` : 'Tuyên truyền',
          title: `HOẠT ĐỘNG TUYÊN TRUYỀN VỀ MÔ HÌNH “CHÍNH QUYỀN THÂN THIỆN”${query.year ? ` NĂM ${query.year}` : ''}`,
          subtitle: `${commune.name}. ${rows.length} hoạt động, ${rows.reduce((s, r) => s + (r.audience ?? 0), 0)} lượt người tham dự.`,
          columns: [
            { header: 'STT', width: 6, center: true },
            { header: 'Ngày', width: 12, numFmt: 'dd/mm/yyyy', center: true },
            { header: 'Hình thức', width: 20 },
            { header: 'Nội dung', width: 50 },
            { header: 'Địa điểm / thôn', width: 28 },
            { header: 'Đơn vị tổ chức', width: 28 },
            { header: 'Số người', width: 10, numFmt: '#,##0' },
            { header: 'Văn bản tuyên truyền', width: 36 },
            { header: 'Minh chứng', width: 30 },
          ],
          rows: rows
            .slice()
            .reverse()
            .map((r, i) => [
              i + 1,
              dayCell(r.heldOn),
              r.kindLabel,
              r.title,
              [r.place, r.village?.name].filter(Boolean).join(' — '),
              r.unit?.name ?? '',
              r.audience,
              r.documents.map((d) => [d.number, d.title].filter(Boolean).join(' ')).join('; '),
              [...r.files.map((f) => f.name), ...r.links].join('; '),
            ]),
        });
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header(
            'content-disposition',
            attachmentHeader(`Tuyên truyền${query.year ? ` ${query.year}` : ''}.xlsx`),
          )
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-coverage',
      tag: 'outreach',
      summary: 'Độ phủ tuyên truyền trong năm (mặc định năm nay): theo thôn và theo hình thức',
      access: 'user',
      query: z.strictObject({ communeId: z.uuid().optional(), year: year.optional() }),
      response: z.object({
        year: z.number(),
        villages: z.array(
          z.object({
            villageId: z.uuid(),
            name: z.string(),
            activities: z.number(),
            audience: z.number(),
            kinds: z.array(kind),
          }),
        ),
        channels: z.array(
          z.object({ kind, label: z.string(), activities: z.number(), audience: z.number() }),
        ),
        activeVillages: z.number(),
        coveredVillages: z.number(),
        share: z.number().nullable(),
        activities: z.number(),
        audience: z.number(),
      }),
      handler: ({ ctx, query }) =>
        activities.coverage(ctx, query.communeId, query.year ?? Number(vietnamDate(new Date()).slice(0, 4))),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/outreach-activities',
      tag: 'outreach',
      summary:
        'Ghi một hoạt động tuyên truyền (hình thức, ngày, địa điểm hoặc thôn, số người, văn bản, minh chứng)',
      access: { permission: 'outreach.record' },
      body: z.strictObject({ communeId: z.uuid().optional(), ...activityFields }),
      example: {
        kind: 'conference',
        title: 'Hội nghị quán triệt mô hình “Chính quyền thân thiện”',
        heldOn: '2026-03-12',
        place: 'Hội trường UBND xã',
        audience: 120,
      },
      response: Activity,
      status: 201,
      handler: ({ ctx, body }) => activities.createActivity(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-activities/:id',
      tag: 'outreach',
      summary: 'Một hoạt động tuyên truyền',
      access: 'user',
      params: idParams,
      response: Activity,
      handler: ({ ctx, params }) => activities.getActivity(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/outreach-activities/:id',
      tag: 'outreach',
      summary: 'Sửa một hoạt động tuyên truyền (người ghi, đơn vị tổ chức, Phòng VH-XH)',
      access: { permission: 'outreach.record' },
      params: idParams,
      body: partial(activityFields),
      example: { audience: 150, isPublic: true },
      response: Activity,
      handler: ({ ctx, params, body }) => activities.updateActivity(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/outreach-activities/:id',
      tag: 'outreach',
      summary: 'Xóa một hoạt động tuyên truyền ghi nhầm',
      access: { permission: 'outreach.record' },
      params: idParams,
      handler: async ({ ctx, params }) => {
        await activities.deleteActivity(ctx, params.id);
      },
    }),
  );

  // ------------------------------------------------------------ library
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-documents',
      tag: 'outreach',
      summary: 'Thư viện văn bản pháp lý, hướng dẫn về mô hình; tìm không cần dấu',
      access: 'user',
      query: z.strictObject({
        communeId: z.uuid().optional(),
        year: year.optional(),
        q: z.string().trim().max(200).optional(),
      }),
      response: z.array(Document),
      handler: ({ ctx, query }) => library.listDocuments(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/outreach-documents',
      tag: 'outreach',
      summary: 'Thêm văn bản vào thư viện (số, ngày, cơ quan ban hành, trích yếu, tệp)',
      access: { permission: 'outreach.manage' },
      body: z.strictObject({ communeId: z.uuid().optional(), ...documentFields }),
      example: {
        number: '5049/QĐ-UBND',
        issuedOn: '2025-12-11',
        issuer: 'UBND thành phố Hải Phòng',
        title:
          'Ban hành Bộ tiêu chí, Bảng thang điểm và quy trình xét công nhận “Chính quyền thân thiện” cấp xã',
      },
      response: Document,
      status: 201,
      handler: ({ ctx, body }) => library.createDocument(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/outreach-documents/:id',
      tag: 'outreach',
      summary: 'Một văn bản của thư viện',
      access: 'user',
      params: idParams,
      response: Document,
      handler: ({ ctx, params }) => library.getDocument(ctx, params.id),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/outreach-documents/:id',
      tag: 'outreach',
      summary: 'Sửa một văn bản của thư viện',
      access: { permission: 'outreach.manage' },
      params: idParams,
      body: partial(documentFields),
      example: { summary: 'Trích yếu đã sửa' },
      response: Document,
      handler: ({ ctx, params, body }) => library.updateDocument(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/outreach-documents/:id',
      tag: 'outreach',
      summary: 'Xóa một văn bản chưa được hoạt động nào dẫn chiếu',
      access: { permission: 'outreach.manage' },
      params: idParams,
      handler: async ({ ctx, params }) => {
        await library.deleteDocument(ctx, params.id);
      },
    }),
  );

  // ------------------------------------------------------------ good examples
  const exampleFilter = z.strictObject({
    communeId: z.uuid().optional(),
    year: year.optional(),
    unitId: z.uuid().optional(),
    kind: z.enum(GOOD_EXAMPLE_KINDS).optional(),
    q: z.string().trim().max(200).optional(),
  });
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/good-examples',
      tag: 'outreach',
      summary: 'Gương điển hình, cách làm hay và đơn vị thực hiện chưa nghiêm túc; lọc, tìm không cần dấu',
      access: 'user',
      query: exampleFilter,
      response: z.array(Example),
      handler: ({ ctx, query }) => examples.listExamples(ctx, query),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/good-examples/export.xlsx',
      tag: 'outreach',
      summary: 'Tải danh sách gương điển hình (theo bộ lọc) dạng Excel (XLSX)',
      access: 'user',
      query: exampleFilter,
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const rows = await examples.listExamples(ctx, { ...query, communeId });
        const bytes = await tableXlsx({
          sheetName: 'Gương điển hình',
          title: `GƯƠNG ĐIỂN HÌNH, CÁCH LÀM HAY VÀ ĐƠN VỊ THỰC HIỆN CHƯA NGHIÊM TÚC${query.year ? ` NĂM ${query.year}` : ''}`,
          columns: [
            { header: 'STT', width: 6, center: true },
            { header: 'Năm', width: 8, center: true },
            { header: 'Loại', width: 26 },
            { header: 'Tập thể, cá nhân', width: 30 },
            { header: 'Nội dung', width: 60 },
            { header: 'Minh chứng', width: 36 },
          ],
          rows: rows.map((r, i) => [
            i + 1,
            r.year,
            r.kindLabel,
            r.subject,
            [r.title, r.content].filter(Boolean).join('\n'),
            [...r.files.map((f) => f.name), ...r.links].join('; '),
          ]),
        });
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header('content-disposition', attachmentHeader('Gương điển hình.xlsx'))
          .header('x-content-type-options', 'nosniff');
        return bytes;
      },
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/good-examples',
      tag: 'outreach',
      summary: 'Ghi nhận một gương điển hình hoặc một đơn vị thực hiện chưa nghiêm túc, kèm minh chứng',
      access: { permission: 'outreach.examples' },
      body: z.strictObject({ communeId: z.uuid().optional(), ...exampleFields }),
      example: {
        kind: 'good',
        year: 2026,
        subject: 'Trung tâm Phục vụ hành chính công',
        title: 'Nhắn tin Zalo báo trước ngày trả kết quả cho người dân',
      },
      response: Example,
      status: 201,
      handler: ({ ctx, body }) => examples.createExample(ctx, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/good-examples/:id',
      tag: 'outreach',
      summary: 'Sửa một gương điển hình',
      access: { permission: 'outreach.examples' },
      params: idParams,
      body: partial(exampleFields),
      example: { content: 'Bổ sung minh chứng' },
      response: Example,
      handler: ({ ctx, params, body }) => examples.updateExample(ctx, params.id, body),
    }),
  );
  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/good-examples/:id',
      tag: 'outreach',
      summary: 'Xóa một gương điển hình ghi nhầm',
      access: { permission: 'outreach.examples' },
      params: idParams,
      handler: async ({ ctx, params }) => {
        await examples.deleteExample(ctx, params.id);
      },
    }),
  );

  // ------------------------------------------------------------ public
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/public/communes/:communeCode/outreach',
      tag: 'outreach',
      summary:
        'Khẩu hiệu “4 xin, 4 luôn, 5 không” và các hoạt động tuyên truyền được công khai của xã (không có dữ liệu cá nhân)',
      access: 'public',
      params: communeCodeParams,
      response: z.object({
        slogans: z.object({
          title: z.string(),
          xin: z.array(z.string()),
          luon: z.array(z.string()),
          khong: z.array(z.string()),
        }),
        activities: z.array(
          z.object({
            id: z.uuid(),
            kindLabel: z.string(),
            title: z.string(),
            heldOn: z.string(),
            place: z.string(),
            audience: z.number().nullable(),
          }),
        ),
      }),
      handler: async ({ ctx, params }) => {
        const commune = await findPublicCommune(ctx.db, params.communeCode);
        const rows = await ctx.db
          .selectFrom('outreach_activities as a')
          .leftJoin('villages as v', (j) =>
            j.onRef('v.commune_id', '=', 'a.commune_id').onRef('v.id', '=', 'a.village_id'),
          )
          .select(['a.id', 'a.kind', 'a.title', 'a.held_on', 'a.place', 'a.audience', 'v.name as village'])
          .where('a.commune_id', '=', commune.id)
          .where('a.is_public', '=', true)
          .where('a.held_on', '<=', vietnamDate(new Date()))
          .orderBy('a.held_on', 'desc')
          .limit(6)
          .execute();
        return {
          slogans: {
            title: CONDUCT_SLOGANS.title,
            xin: [...CONDUCT_SLOGANS.xin],
            luon: [...CONDUCT_SLOGANS.luon],
            khong: [...CONDUCT_SLOGANS.khong],
          },
          activities: rows.map((r) => ({
            id: r.id,
            kindLabel: OUTREACH_KIND_LABELS[r.kind],
            title: r.title,
            heldOn: String(r.held_on).slice(0, 10),
            place: [r.place, r.village].filter(Boolean).join(', '),
            audience: r.audience,
          })),
        };
      },
    }),
  );
}
