import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, badRequest } from '../http/errors.ts';
import { defineRoute, idParams, registerRoute } from '../http/route.ts';
import { readableFile } from './refs.ts';
import { attachmentHeader, MAX_FILE_SIZE, openFile, storeUpload } from './service.ts';
import { ACCEPTED_TYPES_TEXT } from './types.ts';

const FileRef = z.object({ id: z.uuid(), name: z.string(), size: z.number(), mime: z.string() });

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    413,
    `Tệp quá lớn: dung lượng tối đa là ${MAX_FILE_SIZE / 1024 / 1024} MB. Vui lòng nén hoặc chia nhỏ tệp.`,
  );

/** Reads the one file of a multipart upload (field "file"), refusing everything else in Vietnamese. */
export async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart())
    throw new AppError(
      'unsupported_media_type',
      415,
      'Hãy gửi tệp theo dạng multipart/form-data, trong trường “file”.',
    );
  try {
    const part = await req.file({
      limits: { fileSize: MAX_FILE_SIZE, files: 1, fields: 10, parts: 12, fieldSize: 1024 },
    });
    if (!part) throw badRequest('Chưa có tệp nào được gửi lên (trường “file”).');
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw badRequest(
        `Tệp phải được gửi trong trường “file” (không phải “${part.fieldname.slice(0, 50)}”).`,
      );
    }
    const bytes = await part.toBuffer();
    return { bytes, name: part.filename ?? '', claimedMime: part.mimetype ?? '' };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw badRequest('Mỗi lần chỉ gửi một tệp.');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw badRequest('Yêu cầu tải tệp có quá nhiều trường dữ liệu.');
    if (code === 'FST_PROTO_VIOLATION') throw badRequest('Tên trường dữ liệu không hợp lệ.');
    if (code === 'FST_MP_PREMATURE_CLOSE' || (error as Error).message?.includes('Unexpected end of form'))
      throw badRequest('Tệp gửi lên bị ngắt giữa chừng; vui lòng gửi lại.');
    if ((error as Error).message?.toLowerCase().includes('boundary') || code?.startsWith('FST_'))
      throw badRequest('Dữ liệu multipart/form-data không hợp lệ.');
    throw error;
  }
}

export function filesRoutes(app: FastifyInstance) {
  // the multipart parser, its limits set per request in readUpload
  void app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_SIZE, files: 1 } });

  registerRoute(
    app,
    defineRoute({
      method: 'POST',
      url: '/api/files',
      tag: 'files',
      summary: `Tải lên một tệp (multipart/form-data, trường “file”; ${ACCEPTED_TYPES_TEXT}; tối đa 10 MB)`,
      access: 'user',
      response: FileRef,
      status: 201,
      handler: async ({ ctx, req }) => storeUpload(ctx, await readUpload(req)),
    }),
  );

  registerRoute(
    app,
    defineRoute({
      method: 'GET',
      url: '/api/files/:id',
      tag: 'files',
      summary:
        'Tải về một tệp (luôn là tệp đính kèm, không mở trực tiếp trong trình duyệt); chỉ người được xem hồ sơ chứa tệp',
      access: 'user',
      params: idParams,
      // the handler returns the stream of bytes, which registerRoute sends with this status
      status: 200,
      handler: async ({ ctx, params, reply }) => {
        // who may read the record holding the file, by that record's own rule (refs.ts)
        await readableFile(ctx, params.id);
        const { file, stream } = await openFile(ctx, params.id);
        reply
          .header('content-type', file.mime)
          .header('content-length', String(file.size))
          .header('content-disposition', attachmentHeader(file.name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store');
        return stream;
      },
    }),
  );
}
