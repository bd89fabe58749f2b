import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { audited } from '../audit/service.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import { fileStoreOf, newStorageKey } from './store.ts';
import { ACCEPTED_TYPES_TEXT, claimedKind, cleanFileName, detectFileType, FILE_KINDS } from './types.ts';

export const MAX_FILE_SIZE = 10 * 1024 * 1024;

export interface FileRef {
  id: string;
  name: string;
  size: number;
  mime: string;
}

/** The Vietnamese refusal for bytes that are not a file we accept. */
export async function checkContent(bytes: Buffer, name: string, claimedMime: string) {
  const detected = await detectFileType(bytes);
  const claimed = claimedKind(name, claimedMime);
  if (!detected.ok) {
    switch (detected.reason) {
      case 'empty':
        throw badRequest('Tệp rỗng (0 byte); vui lòng chọn lại tệp.');
      case 'legacy_office':
        throw badRequest(
          'Không nhận tệp Word/Excel định dạng cũ (.doc, .xls). Vui lòng lưu lại thành DOCX hoặc XLSX rồi tải lên.',
        );
      case 'zip_limits':
        throw badRequest(
          'Tệp nén có quá nhiều thành phần hoặc dung lượng khi giải nén quá lớn; không nhận tệp này.',
        );
      case 'zip_corrupt':
        throw badRequest('Tệp DOCX/XLSX bị hỏng hoặc có cấu trúc không hợp lệ; không nhận tệp này.');
    }
    if (claimed) {
      throw badRequest(
        `Tệp “${name}” không phải ${FILE_KINDS[claimed].label} thật: nội dung tệp không khớp với định dạng ${FILE_KINDS[claimed].label}. Chỉ nhận ${ACCEPTED_TYPES_TEXT}.`,
      );
    }
    throw badRequest(
      `Không nhận loại tệp này. Chỉ nhận ${ACCEPTED_TYPES_TEXT}; loại tệp được xác định theo nội dung, không theo tên tệp.`,
    );
  }
  if (claimed && claimed !== detected.kind) {
    throw badRequest(
      `Tệp “${name}” được gọi là ${FILE_KINDS[claimed].label} nhưng nội dung là ${FILE_KINDS[detected.kind].label}. Vui lòng đặt lại đúng tên tệp hoặc chọn đúng tệp.`,
    );
  }
  return detected.kind;
}

/**
 * Stores an uploaded file of the actor's commune: checks its content, keeps
 * the bytes under a generated key, then writes its row with the audit row.
 * A refused file leaves nothing behind.
 */
export async function storeUpload(
  ctx: RequestContext,
  upload: { bytes: Buffer; name: string; claimedMime: string },
): Promise<FileRef> {
  const actor = ctx.actor!;
  if (!actor.communeId)
    throw new AppError('forbidden', 403, 'Chỉ cán bộ của xã, phường, đặc khu được tải tệp lên.');
  const kind = await checkContent(upload.bytes, upload.name.slice(0, 1000), upload.claimedMime);
  const name = cleanFileName(upload.name, kind);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const store = fileStoreOf(ctx);
  const storageKey = newStorageKey();
  await store.put(storageKey, upload.bytes);
  try {
    return await audited(ctx, async (trx) => {
      const row = await trx
        .insertInto('files')
        .values({
          commune_id: actor.communeId!,
          id,
          name,
          mime: FILE_KINDS[kind].mime,
          size: upload.bytes.length,
          sha256,
          storage_key: storageKey,
          created_by: actor.userId,
        })
        .returning(['id', 'name', 'size', 'mime', 'sha256'])
        .executeTakeFirstOrThrow();
      const result = { id: row.id, name: row.name, size: row.size, mime: row.mime };
      return {
        result,
        audit: {
          action: 'files.upload',
          entityType: 'file',
          entityId: row.id,
          communeId: actor.communeId,
          after: { ...result, sha256: row.sha256 },
        },
      };
    });
  } catch (error) {
    await store.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** A file the actor may see (their commune's, or their city's communes'), with its bytes. */
export async function openFile(
  ctx: RequestContext,
  id: string,
): Promise<{ file: FileRef; stream: Readable }> {
  const row = await ctx.db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'mime', 'storage_key'])
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!row) throw notFound('Tệp');
  const stream = await fileStoreOf(ctx).get(row.storage_key);
  return { file: { id: row.id, name: row.name, size: row.size, mime: row.mime }, stream };
}

/**
 * Content-Disposition for a download: always attachment, the UTF-8 name in
 * filename* (RFC 6266/8187) and a plain ASCII fallback for old clients.
 */
export function attachmentHeader(name: string): string {
  const fallback =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\]/g, '_') || 'tep';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
