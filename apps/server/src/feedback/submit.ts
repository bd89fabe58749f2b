import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { excerpt, trackingCodeFrom, vietnamDate } from '@cqtt/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audited } from '../audit/service.ts';
import { checkContent, MAX_FILE_SIZE } from '../files/service.ts';
import { fileStoreOf, newStorageKey } from '../files/store.ts';
import { cleanFileName, FILE_KINDS, type FileKind } from '../files/types.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { consumeRateLimit, type RateLimit } from '../http/rate-limit.ts';
import { optionalText, type RequestContext } from '../http/route.ts';
import { describeProblems, fieldProblems } from '../http/zod-vi.ts';
import { createNotifications } from '../notify/service.ts';
import { communeCodeParams, findPublicCommune } from '../public/routes.ts';
import { deadlineFor } from './calendar.ts';
import { addEvent } from './items.ts';

export const MAX_FEEDBACK_FILES = 5;
/** Citizens attach photos and PDF scans; office files are for officials. */
const CITIZEN_KINDS: FileKind[] = ['jpeg', 'png', 'webp', 'pdf'];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const SubmitBody = z
  .strictObject({
    communeCode: communeCodeParams.shape.communeCode,
    categoryCode: z.string().trim().min(1).max(40),
    content: z.string().trim().min(10, 'Nội dung phản ánh cần ít nhất 10 ký tự.').max(5000),
    name: optionalText(200).optional(),
    phone: z
      .string()
      .trim()
      .max(20)
      .regex(/^[0-9+ .()-]*$/, 'Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang và dấu +.')
      .optional(),
    email: z.preprocess(blankToUndefined, z.email('Địa chỉ thư điện tử không hợp lệ.').max(200).optional()),
    address: optionalText(500).optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    lng: z.number().min(-180).max(180).nullable().optional(),
    allowPublish: z.boolean(),
    /**
     * Generated once per feedback by the citizen's page: sending it again (no answer came, the
     * system was reconnecting) finds the first one instead of making a second.
     */
    clientId: z.uuid().optional(),
  })
  .refine((b) => (b.lat == null) === (b.lng == null), {
    message: 'Vị trí cần cả vĩ độ (lat) và kinh độ (lng).',
    path: ['lng'],
  });
export type SubmitInput = z.output<typeof SubmitBody>;

export interface Upload {
  bytes: Buffer;
  name: string;
  claimedMime: string;
}

export function feedbackRateLimit(ctx: RequestContext): RateLimit {
  return {
    bucket: 'feedback.post',
    limit: ctx.config.feedbackRateLimit.limit,
    windowSeconds: ctx.config.feedbackRateLimit.windowSeconds,
    message: 'Ông/bà đã gửi quá nhiều phản ánh trong thời gian ngắn.',
  };
}

const tooLarge = () =>
  new AppError(
    'payload_too_large',
    413,
    `Tệp quá lớn: mỗi tệp tối đa ${MAX_FILE_SIZE / 1024 / 1024} MB. Vui lòng chụp ảnh nhỏ hơn hoặc nén tệp.`,
  );

/** Reads a multipart feedback: its text fields as the JSON body would carry them, and up to 5 files. */
export async function readMultipartFeedback(
  req: FastifyRequest,
): Promise<{ body: SubmitInput; files: Upload[] }> {
  const fields: Record<string, string> = {};
  const files: Upload[] = [];
  try {
    for await (const part of req.parts({
      limits: {
        fileSize: MAX_FILE_SIZE,
        files: MAX_FEEDBACK_FILES,
        fields: 20,
        parts: 30,
        fieldSize: 20_000,
      },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files' && part.fieldname !== 'file') {
          part.file.resume();
          throw badRequest(
            `Tệp phải được gửi trong trường “files” (không phải “${part.fieldname.slice(0, 50)}”).`,
          );
        }
        const bytes = await part.toBuffer();
        files.push({ bytes, name: part.filename ?? '', claimedMime: part.mimetype ?? '' });
      } else {
        if (part.fieldname in fields)
          throw badRequest(`Trường “${part.fieldname.slice(0, 50)}” bị gửi hai lần.`);
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw badRequest(`Mỗi phản ánh gửi tối đa ${MAX_FEEDBACK_FILES} tệp.`);
    if (
      code === 'FST_PARTS_LIMIT' ||
      code === 'FST_FIELDS_LIMIT' ||
      code === 'FST_FIELD_SIZE_LIMIT' ||
      code === 'FST_PROTO_VIOLATION'
    )
      throw badRequest('Yêu cầu gửi lên có quá nhiều trường dữ liệu hoặc trường quá dài.');
    throw badRequest('Dữ liệu multipart/form-data không hợp lệ hoặc bị ngắt giữa chừng; vui lòng gửi lại.');
  }
  const raw: Record<string, unknown> = { ...fields };
  for (const key of ['name', 'phone', 'email', 'address', 'lat', 'lng'])
    if (typeof raw[key] === 'string' && (raw[key] as string).trim() === '') delete raw[key];
  for (const key of ['lat', 'lng']) if (key in raw) raw[key] = Number(raw[key]);
  if ('allowPublish' in raw)
    raw.allowPublish = ['true', '1', 'on', 'yes'].includes(String(raw.allowPublish).toLowerCase());
  const parsed = SubmitBody.safeParse(raw);
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error);
    throw new AppError('validation_error', 400, describeProblems(problems), problems);
  }
  return { body: parsed.data, files };
}

/** Checks each file by its content: photos and PDF only. */
async function checkFiles(files: Upload[]) {
  if (files.length > MAX_FEEDBACK_FILES)
    throw badRequest(`Mỗi phản ánh gửi tối đa ${MAX_FEEDBACK_FILES} tệp.`);
  const checked = [];
  for (const f of files) {
    if (f.bytes.length > MAX_FILE_SIZE) throw tooLarge();
    const kind = await checkContent(f.bytes, f.name.slice(0, 1000), f.claimedMime);
    if (!CITIZEN_KINDS.includes(kind))
      throw badRequest(
        `Tệp “${f.name.slice(0, 100)}” là ${FILE_KINDS[kind].label}; phản ánh chỉ nhận ảnh (JPEG, PNG, WebP) hoặc PDF.`,
      );
    checked.push({ ...f, kind, cleanName: cleanFileName(f.name, kind) });
  }
  return checked;
}

async function newTrackingCode(ctx: RequestContext): Promise<string> {
  for (let i = 0; i < 5; i++) {
    const code = trackingCodeFrom(randomBytes(32));
    if (!code) continue;
    const taken = await ctx.db
      .selectFrom('feedback_items')
      .select('id')
      .where('tracking_code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
  throw new Error('could not draw a free tracking code');
}

/**
 * A citizen's feedback: the rate limit first (a refused request leaves only its
 * count), then the whole input and every file checked, then the files stored
 * and the item, its first history step, its files and the notice to the
 * coordinators written in one transaction with its audit row.
 */
export async function submitFeedback(
  ctx: RequestContext,
  input: SubmitInput,
  files: Upload[],
  source: 'web' | 'open311' = 'web',
): Promise<{ trackingCode: string; id: string; communeId: string; created: boolean }> {
  const commune = await findPublicCommune(ctx.db, input.communeCode);
  const sentBefore = () => feedbackOfClient(ctx, commune.id, input.clientId);
  const first = await sentBefore();
  if (first) return first;
  const category = await ctx.db
    .selectFrom('feedback_categories')
    .select(['id', 'name', 'deadline_days'])
    .where('commune_id', '=', commune.id)
    .where('code', '=', input.categoryCode)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!category)
    throw badRequest('Lĩnh vực phản ánh không có ở xã, phường, đặc khu này.', [
      { path: 'categoryCode', message: 'Không có lĩnh vực này.' },
    ]);
  const checked = await checkFiles(files);
  const now = new Date();
  const receivedOn = vietnamDate(now);
  const deadline = await deadlineFor(ctx.db, commune.id, receivedOn, category.deadline_days);
  const trackingCode = await newTrackingCode(ctx);
  const store = fileStoreOf(ctx);
  const stored: { id: string; key: string; f: (typeof checked)[number] }[] = [];
  try {
    for (const f of checked) {
      const key = newStorageKey();
      await store.put(key, f.bytes);
      stored.push({ id: randomUUID(), key, f });
    }
    return await audited(ctx, async (trx) => {
      const item = await trx
        .insertInto('feedback_items')
        .values({
          commune_id: commune.id,
          kind: 'feedback',
          tracking_code: trackingCode,
          source,
          category_id: category.id,
          content: input.content,
          address: input.address ?? '',
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          name: input.name ?? '',
          phone: input.phone ?? '',
          email: input.email ?? '',
          allow_publish: input.allowPublish,
          status: 'received',
          received_on: receivedOn,
          deadline,
          unit_id: null,
          merged_into_id: null,
          answered_on: null,
          rating: null,
          rated_at: null,
          difficulty_id: null,
          client_id: input.clientId ?? null,
          updated_at: now,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      for (const s of stored) {
        await trx
          .insertInto('files')
          .values({
            commune_id: commune.id,
            id: s.id,
            name: s.f.cleanName,
            mime: FILE_KINDS[s.f.kind].mime,
            size: s.f.bytes.length,
            sha256: createHash('sha256').update(s.f.bytes).digest('hex'),
            storage_key: s.key,
            created_by: null,
          })
          .execute();
        await trx
          .insertInto('feedback_files')
          .values({ commune_id: commune.id, item_id: item.id, file_id: s.id })
          .execute();
      }
      await addEvent(trx, {
        communeId: commune.id,
        itemId: item.id,
        action: 'receive',
        status: 'received',
        actorId: null,
        at: now,
      });
      const coordinators = await trx
        .selectFrom('users')
        .select('id')
        .where('commune_id', '=', commune.id)
        .where('is_active', '=', true)
        .where((eb) => eb(eb.val('coordinator'), '=', eb.fn.any('roles')))
        .execute();
      await createNotifications(
        trx,
        coordinators.map((u) => ({
          communeId: commune.id,
          userId: u.id,
          kind: 'feedback.received',
          title: `Phản ánh mới ${trackingCode} (${category.name}): «${excerpt(input.content, 60)}»`,
          link: `/feedback/${item.id}`,
        })),
      );
      return {
        result: { trackingCode, id: item.id, communeId: commune.id, created: true },
        audit: {
          action: 'feedback.submit',
          entityType: 'feedback_item',
          entityId: item.id,
          communeId: commune.id,
          // the matter, not the person: contact fields stay out of the log
          after: {
            trackingCode,
            source,
            categoryId: category.id,
            deadline,
            files: stored.length,
            allowPublish: input.allowPublish,
          },
        },
      };
    });
  } catch (error) {
    for (const s of stored) await store.delete(s.key).catch(() => undefined);
    // the same feedback sent twice at once: the second finds the first
    if ((error as { constraint?: string }).constraint === 'feedback_items_client_id') {
      const first = await sentBefore();
      if (first) return first;
    }
    throw error;
  }
}

/** The feedback a device already sent with this clientId, if any. */
async function feedbackOfClient(ctx: RequestContext, communeId: string, clientId: string | undefined) {
  if (!clientId) return undefined;
  const row = await ctx.db
    .selectFrom('feedback_items')
    .select(['id', 'tracking_code'])
    .where('commune_id', '=', communeId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row ? { trackingCode: row.tracking_code!, id: row.id, communeId, created: false } : undefined;
}

export async function limitFeedbackPosts(ctx: RequestContext) {
  await consumeRateLimit(ctx.db, feedbackRateLimit(ctx), ctx.ip);
}
