/**
 * Official documents and the register of issued documents (docs/contracts/documents-api.md).
 * The zod schemas of the capability live here, in one place.
 */
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, foldVietnamese, vietnamDate } from '@cqtt/domain';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { attachmentHeader } from '../files/service.ts';
import { FILE_KINDS } from '../files/types.ts';
import { notFound } from '../http/errors.ts';
import { defineRoute, idParams, optionalText, registerRoute, text } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { listDocuments, registerXlsx } from './register.ts';
import * as service from './service.ts';

const year = z.coerce.number().int().min(2000).max(2100);
const sections = z
  .record(z.string().max(50), z.string().max(20_000))
  .refine((r) => Object.keys(r).length <= 20, {
    message: 'Quá nhiều phần nội dung.',
  });
const recipients = z.array(text(300)).max(30);

export const DocumentView = z.object({
  id: z.uuid(),
  communeId: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  kindLabel: z.string(),
  type: z.string().nullable(),
  year: z.number(),
  status: z.enum(DOCUMENT_STATUSES),
  statusLabel: z.string(),
  symbol: z.string(),
  number: z.number().nullable(),
  fullNumber: z.string().nullable(),
  registerYear: z.number().nullable(),
  issuedOn: z.string().nullable(),
  subject: z.string(),
  recordId: z.string().nullable(),
  sections: z.array(z.object({ key: z.string(), label: z.string(), hint: z.string(), text: z.string() })),
  recipients: z.array(z.string()),
  signerName: z.string().nullable(),
  signerTitle: z.string().nullable(),
  sha256: z.string().nullable(),
  /** The issued DOCX (GET /api/documents/:id/file, or /api/files/:id). */
  fileId: z.uuid().nullable(),
  replaces: z
    .object({ id: z.uuid(), fullNumber: z.string().nullable(), issuedOn: z.string().nullable() })
    .nullable(),
  replacedBy: z.string().nullable(),
  createdBy: z.string(),
  issuedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Issued = z.object({
  id: z.uuid(),
  number: z.number(),
  fullNumber: z.string(),
  symbol: z.string(),
  issuedOn: z.string(),
  sha256: z.string(),
  fileId: z.uuid(),
});

const listQuery = {
  communeId: z.uuid().optional(),
  year: year.optional(),
  kind: z.enum(DOCUMENT_KINDS).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  q: optionalText(200).optional(),
};

const thisYear = () => Number(vietnamDate(new Date()).slice(0, 4));

async function viewOf(ctx: Parameters<typeof listDocuments>[0], id: string) {
  const doc = await service.findDocument(ctx.db, ctx.actor!, id);
  const [view] = (
    await listDocuments(ctx, {
      communeId: doc.commune_id,
      year: doc.status === 'issued' ? doc.register_year! : doc.year,
      status: doc.status,
      kind: doc.kind,
    })
  ).filter((d) => d.id === id);
  if (!view) throw notFound('Văn bản');
  return view;
}

export function documentsRoutes(app: FastifyInstance) {
  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/documents',
      tag: 'documents',
      summary:
        'Sổ văn bản đi của năm (văn bản đã ban hành theo năm ban hành) và các dự thảo của năm; tìm không dấu',
      access: 'user',
      query: z.strictObject(listQuery),
      response: z.array(DocumentView),
      handler: ({ ctx, query }) => listDocuments(ctx, { ...query, year: query.year ?? thisYear() }),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/documents/export.xlsx',
      tag: 'documents',
      summary: 'Tải sổ đăng ký văn bản đi của năm dạng Excel (XLSX)',
      access: 'user',
      query: z.strictObject(listQuery),
      status: 200,
      handler: async ({ ctx, query, reply }) => {
        const y = query.year ?? thisYear();
        const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
        const commune = await ctx.db
          .selectFrom('communes')
          .select('name')
          .where('id', '=', communeId)
          .executeTakeFirstOrThrow();
        const bytes = await registerXlsx(ctx, { ...query, communeId, year: y }, commune.name);
        reply
          .header('content-type', FILE_KINDS.xlsx.mime)
          .header(
            'content-disposition',
            attachmentHeader(
              `Sổ văn bản đi ${y} - ${commune.name}${query.q ? ` - ${foldVietnamese(query.q)}` : ''}.xlsx`,
            ),
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
      url: '/api/documents/:id',
      tag: 'documents',
      summary: 'Một văn bản: dự thảo (các phần nội dung) hoặc đã ban hành (số, ngày, người ký, SHA-256)',
      access: 'user',
      params: idParams,
      response: DocumentView,
      handler: ({ ctx, params }) => viewOf(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/documents',
      tag: 'documents',
      summary:
        'Soạn dự thảo văn bản từ số liệu: kế hoạch, văn bản đăng ký mức độ, báo cáo tự đánh giá, báo cáo kết quả năm, báo cáo sơ kết/tổng kết, tờ trình kinh phí; đính chính bằng văn bản thay thế (replacesId)',
      access: 'user',
      tokenScope: 'documents.draft',
      body: z.strictObject({
        communeId: z.uuid().optional(),
        kind: z.enum(DOCUMENT_KINDS),
        year: z.number().int().min(2000).max(2100),
        recordId: z.uuid().optional(),
        replacesId: z.uuid().optional(),
        subject: optionalText(1000).optional(),
        sections: sections.optional(),
        recipients: recipients.optional(),
      }),
      example: { kind: 'yearly-report', year: 2026 },
      response: z.object({ id: z.uuid(), status: z.enum(DOCUMENT_STATUSES) }),
      status: 201,
      handler: ({ ctx, body }) => service.createDraft(ctx, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'PATCH',
      url: '/api/documents/:id',
      tag: 'documents',
      summary:
        'Sửa dự thảo: trích yếu, các phần người viết, nơi nhận (văn bản đã ban hành thì không sửa được)',
      access: 'user',
      tokenScope: 'documents.draft',
      params: idParams,
      body: z.strictObject({
        subject: text(1000).optional(),
        sections: sections.optional(),
        recipients: recipients.optional(),
      }),
      example: { sections: { results: 'Các nhiệm vụ trọng tâm hoàn thành đúng hạn.' } },
      response: DocumentView,
      handler: async ({ ctx, params, body }) => {
        await service.updateDraft(ctx, params.id, body);
        return viewOf(ctx, params.id);
      },
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'DELETE',
      url: '/api/documents/:id',
      tag: 'documents',
      summary: 'Xóa dự thảo (văn bản đã ban hành thì không xóa được)',
      access: 'user',
      tokenScope: 'documents.draft',
      params: idParams,
      handler: ({ ctx, params }) => service.deleteDraft(ctx, params.id),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/documents/:id/issue',
      tag: 'documents',
      summary:
        'Cho số tiếp theo trong sổ văn bản đi và ban hành (Văn phòng HĐND và UBND, lãnh đạo): tệp DOCX được lưu một lần với SHA-256',
      access: { permission: 'documents.issue' },
      params: idParams,
      body: z.strictObject({
        signerName: optionalText(100).optional(),
        signerTitle: optionalText(100).optional(),
      }),
      example: { signerName: 'Vũ Đăng Chương', signerTitle: 'Chủ tịch' },
      response: Issued,
      handler: ({ ctx, params, body }) => service.issueDocument(ctx, params.id, body),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/documents/:id/file',
      tag: 'documents',
      summary: 'Tệp DOCX của văn bản: bản đã ban hành (không bao giờ đổi) hoặc dự thảo từ số liệu hiện tại',
      access: 'user',
      params: idParams,
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        const file = await service.documentFile(ctx, params.id);
        reply
          .header('content-type', FILE_KINDS.docx.mime)
          .header('content-disposition', attachmentHeader(file.name))
          .header('x-content-type-options', 'nosniff');
        if (file.size !== undefined) reply.header('content-length', file.size);
        return file.stream ?? file.bytes;
      },
    }),
  );
}
