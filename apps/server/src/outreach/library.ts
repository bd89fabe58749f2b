import { can, foldVietnamese } from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import { columnIfDefined } from '../db/columns.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import { checkCommuneFiles, filesById } from '../files/refs.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

/** The library of legal and guiding documents (văn bản) activities point to. */

export interface DocumentInput {
  communeId?: string;
  number?: string;
  issuedOn?: string | null;
  issuer?: string;
  title: string;
  summary?: string;
  fileId?: string | null;
}

type Row = {
  id: string;
  commune_id: string;
  number: string;
  issued_on: string | null;
  issuer: string;
  title: string;
  summary: string;
  file_id: string | null;
};

async function views(ctx: RequestContext, rows: Row[]) {
  const files = await filesById(
    ctx.db,
    rows.map((r) => r.commune_id),
    rows.flatMap((r) => (r.file_id ? [r.file_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    number: r.number,
    issuedOn: r.issued_on ? String(r.issued_on).slice(0, 10) : null,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    file: r.file_id ? (files.get(r.file_id) ?? null) : null,
  }));
}

export async function listDocuments(
  ctx: RequestContext,
  filter: { communeId?: string; q?: string; year?: number },
) {
  const actor = ctx.actor!;
  let q = ctx.db
    .selectFrom('outreach_documents as d')
    .selectAll('d')
    .where('d.commune_id', 'in', visibleCommuneIds(ctx.db, actor));
  if (filter.communeId)
    q = q.where('d.commune_id', '=', await resolveCommuneId(ctx.db, actor, filter.communeId));
  if (filter.year)
    q = q
      .where('d.issued_on', '>=', `${filter.year}-01-01`)
      .where('d.issued_on', '<', `${filter.year + 1}-01-01`);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('d.title')), 'like', pattern),
        eb(foldSql(eb.ref('d.number')), 'like', pattern),
        eb(foldSql(eb.ref('d.issuer')), 'like', pattern),
        eb(foldSql(eb.ref('d.summary')), 'like', pattern),
      ]),
    );
  }
  const rows = await q.orderBy('d.issued_on', 'desc').orderBy('d.title').limit(1000).execute();
  return views(ctx, rows);
}

async function load(ctx: RequestContext, id: string) {
  const row = await ctx.db
    .selectFrom('outreach_documents')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!row) throw notFound('Văn bản');
  return row;
}

export async function getDocument(ctx: RequestContext, id: string) {
  return (await views(ctx, [await load(ctx, id)]))[0]!;
}

function columns(input: Partial<DocumentInput>) {
  return {
    ...columnIfDefined(input.number, 'number'),
    ...columnIfDefined(input.issuedOn, 'issued_on'),
    ...columnIfDefined(input.issuer, 'issuer'),
    ...columnIfDefined(input.title, 'title'),
    ...columnIfDefined(input.summary, 'summary'),
    ...columnIfDefined(input.fileId, 'file_id'),
  };
}

export async function createDocument(ctx: RequestContext, input: DocumentInput) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  if (input.fileId) await checkCommuneFiles(ctx.db, communeId, [input.fileId], 'fileId');
  const row = await audited(ctx, async (trx) => {
    const created = await trx
      .insertInto('outreach_documents')
      .values({
        commune_id: communeId,
        ...(columns(input) as { title: string }),
        created_by: ctx.actor!.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'outreach.document_create',
        entityType: 'outreach_document',
        entityId: created.id,
        communeId,
        after: created,
      },
    };
  });
  return (await views(ctx, [row]))[0]!;
}

export async function updateDocument(ctx: RequestContext, id: string, input: Partial<DocumentInput>) {
  const before = await load(ctx, id);
  if (input.fileId) await checkCommuneFiles(ctx.db, before.commune_id, [input.fileId], 'fileId');
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('outreach_documents')
      .set({ ...columns(input), updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action: 'outreach.document_update',
        entityType: 'outreach_document',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await views(ctx, [row]))[0]!;
}

export async function deleteDocument(ctx: RequestContext, id: string) {
  const before = await load(ctx, id);
  const used = await ctx.db
    .selectFrom('outreach_activities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', before.commune_id)
    .where((eb) => eb(eb.val(id), '=', eb.fn.any('document_ids')))
    .executeTakeFirstOrThrow();
  if (Number(used.n) > 0) {
    throw conflict(`Văn bản đang được ${Number(used.n)} hoạt động tuyên truyền dẫn chiếu; không xóa được.`);
  }
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('outreach_documents')
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'outreach.document_delete',
        entityType: 'outreach_document',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}

export const mayManageLibrary = (roles: readonly string[]) => can(roles, 'outreach.manage');
