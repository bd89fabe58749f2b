/**
 * Official documents issued from the data (issue 12): a draft is written from cqtt's figures and
 * people's narrative, then issued by Văn phòng HĐND và UBND (or the leader) with the next number
 * of the year in the commune's register; the issued DOCX is stored once, with its SHA-256, and
 * never changes. A correction is a new document naming the one it replaces.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  can,
  DOCUMENT_KIND_INFO,
  type DocumentKind,
  documentNumber,
  signerProblem,
  vietnamDate,
} from '@cqtt/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { type FileStore, fileStoreOf, newStorageKey } from '../files/store.ts';
import { FILE_KINDS } from '../files/types.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import type { DocumentKindHandler, DocumentRow, IssueFacts, Replaced } from './kind.ts';
import { handlerOf } from './kinds.ts';

/**
 * The store of the documents' files: the one FileStore every capability shares (files/store.ts),
 * used only through its interface, so the bytes may live on disk or in the database.
 */
export function documentFiles(ctx: {
  db: Kysely<DB>;
  config: { filesDir: string; files?: FileStore };
}): FileStore {
  return ctx.config.files ?? fileStoreOf(ctx);
}

export const today = () => vietnamDate(new Date());

/** The service centre's unit code for Văn phòng HĐND và UBND, whose focal issues documents. */
export const OFFICE_UNIT = 'VP';

/**
 * Official documents state the commune's figures as its coordinator's console shows them,
 * whoever drafts, issues or downloads them (a focal who issues sees only her own counter's
 * ratings in the console; the report she numbers must not). Used for reading only.
 */
export function communeReader<C extends { actor: Actor | null }>(ctx: C, communeId: string): C {
  const actor = ctx.actor!;
  return { ...ctx, actor: { ...actor, roles: ['coordinator'], communeId, unitId: null } };
}

async function unitCodeOf(db: Kysely<DB>, actor: Actor): Promise<string | null> {
  if (!actor.communeId || !actor.unitId) return null;
  const row = await db
    .selectFrom('units')
    .select('code')
    .where('commune_id', '=', actor.communeId)
    .where('id', '=', actor.unitId)
    .executeTakeFirst();
  return row?.code ?? null;
}

/** Who gives a document its number: the leader, or a focal of Văn phòng HĐND và UBND. */
export function mayIssue(actor: Actor, unitCode: string | null): boolean {
  return (
    actor.communeId !== null &&
    can(actor.roles, 'documents.issue') &&
    (actor.roles.includes('leader') || unitCode === OFFICE_UNIT)
  );
}

export async function findDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<DocumentRow> {
  const row = await db
    .selectFrom('documents')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
  if (!row) throw notFound('Văn bản');
  return row;
}

const frozen = () =>
  conflict(
    'Văn bản đã ban hành thì không ai được sửa hay xóa. Muốn đính chính, hãy tạo văn bản mới thay thế văn bản này.',
  );

function checkSections(handler: DocumentKindHandler, sections: Record<string, string> | undefined) {
  if (!sections) return;
  const known = new Set(handler.sections.map((s) => s.key));
  for (const key of Object.keys(sections)) {
    if (!known.has(key)) {
      const message = `Văn bản loại này không có phần “${key}”.`;
      throw badRequest(message, [{ path: `sections.${key}`, message }]);
    }
  }
}

/** The issued document a correction replaces: same commune and kind, issued, not replaced yet. */
async function replaceable(db: Kysely<DB>, communeId: string, kind: DocumentKind, id: string) {
  const old = await db
    .selectFrom('documents')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
  const fail = (message: string) => badRequest(message, [{ path: 'replacesId', message }]);
  if (!old) throw fail('Văn bản được thay thế không tồn tại hoặc không thuộc xã này.');
  if (old.kind !== kind) throw fail('Văn bản thay thế phải cùng loại với văn bản được thay thế.');
  if (old.status !== 'issued') throw fail('Chỉ thay thế được văn bản đã ban hành.');
  const by = await db
    .selectFrom('documents')
    .select(['id', 'status'])
    .where('commune_id', '=', communeId)
    .where('replaces_id', '=', id)
    .execute();
  if (by.some((d) => d.status === 'issued'))
    throw fail('Văn bản này đã được thay thế bằng một văn bản khác.');
  if (by.length > 0) throw conflict('Đã có một dự thảo thay thế văn bản này; hãy sửa dự thảo đó.');
  return old;
}

/**
 * Refuses a second document of a kind that is one per year (reports): while an issued one stands
 * (not replaced) a new one must name it as the one it replaces, and only one draft at a time.
 */
export async function checkOnePerYear(
  db: Kysely<DB>,
  communeId: string,
  kind: DocumentKind,
  year: number,
  options: { replacesId?: string | null; exceptId?: string; what: string },
) {
  let q = db
    .selectFrom('documents as d')
    .select(['d.id', 'd.status', 'd.number', 'd.symbol'])
    .where('d.commune_id', '=', communeId)
    .where('d.kind', '=', kind)
    .where('d.year', '=', year)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('documents as r')
            .select('r.id')
            .whereRef('r.commune_id', '=', 'd.commune_id')
            .whereRef('r.replaces_id', '=', 'd.id')
            .where('r.status', '=', 'issued'),
        ),
      ),
    );
  if (options.exceptId) q = q.where('d.id', '<>', options.exceptId);
  const rows = await q.execute();
  const issued = rows.find((r) => r.status === 'issued' && r.id !== options.replacesId);
  if (issued) {
    throw conflict(
      `${options.what} năm ${year} đã được ban hành (số ${documentNumber(issued.number!, issued.symbol)}). Muốn đính chính, hãy tạo văn bản thay thế văn bản đó.`,
    );
  }
  if (rows.some((r) => r.status === 'draft')) {
    throw conflict(
      `Đã có dự thảo ${options.what.toLocaleLowerCase('vi-VN')} năm ${year}; hãy sửa dự thảo đó.`,
    );
  }
}

export interface DraftInput {
  communeId?: string;
  kind: DocumentKind;
  year: number;
  recordId?: string;
  replacesId?: string;
  subject?: string;
  sections?: Record<string, string>;
  recipients?: string[];
}

/** Writes a new draft row (inside the caller's transaction). */
export async function insertDraft(
  trx: Kysely<DB>,
  actor: Actor,
  communeId: string,
  input: { kind: DocumentKind; year: number; replacesId?: string | null },
  prepared: {
    subject: string;
    recordId: string | null;
    sections: Record<string, string>;
    recipients: string[];
  },
) {
  return trx
    .insertInto('documents')
    .values({
      commune_id: communeId,
      kind: input.kind,
      year: input.year,
      symbol: DOCUMENT_KIND_INFO[input.kind].symbol,
      subject: prepared.subject,
      record_id: prepared.recordId,
      sections: JSON.stringify(prepared.sections),
      recipients: prepared.recipients,
      replaces_id: input.replacesId ?? null,
      register_year: null,
      number: null,
      signer_name: null,
      signer_title: null,
      file_id: null,
      sha256: null,
      issued_by: null,
      created_by: actor.userId,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createDraft(ctx: RequestContext, input: DraftInput) {
  const actor = ctx.actor!;
  if (!actor.communeId) throw forbidden('Chỉ xã, phường, đặc khu soạn văn bản của mình.');
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  const handler = handlerOf(input.kind);
  if (!handler.mayDraft(actor, await unitCodeOf(ctx.db, actor))) throw forbidden();
  checkSections(handler, input.sections);
  if (input.replacesId) await replaceable(ctx.db, communeId, input.kind, input.replacesId);
  const prepared = await handler.prepare(ctx, communeId, {
    year: input.year,
    recordId: input.recordId,
    replacesId: input.replacesId,
  });
  return audited(ctx, async (trx) => {
    const row = await insertDraft(trx, actor, communeId, input, {
      subject: input.subject?.trim() || prepared.subject,
      recordId: prepared.recordId,
      sections: { ...prepared.sections, ...(input.sections ?? {}) },
      recipients: input.recipients ?? prepared.recipients,
    });
    return {
      result: { id: row.id, status: row.status },
      audit: {
        action: 'documents.draft',
        entityType: 'document',
        entityId: row.id,
        communeId,
        after: row,
      },
    };
  });
}

export async function updateDraft(
  ctx: RequestContext,
  id: string,
  input: { subject?: string; sections?: Record<string, string>; recipients?: string[] },
) {
  const actor = ctx.actor!;
  const before = await findDocument(ctx.db, actor, id);
  if (before.status === 'issued') throw frozen();
  const handler = handlerOf(before.kind);
  if (actor.communeId !== before.commune_id || !handler.mayDraft(actor, await unitCodeOf(ctx.db, actor)))
    throw forbidden();
  checkSections(handler, input.sections);
  return audited(ctx, async (trx) => {
    const after = await trx
      .updateTable('documents')
      .set({
        ...(input.subject !== undefined ? { subject: input.subject } : {}),
        ...(input.sections !== undefined
          ? { sections: JSON.stringify({ ...before.sections, ...input.sections }) }
          : {}),
        ...(input.recipients !== undefined ? { recipients: input.recipients } : {}),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!after) throw frozen();
    return {
      result: after,
      audit: {
        action: 'documents.update_draft',
        entityType: 'document',
        entityId: id,
        communeId: before.commune_id,
        before,
        after,
      },
    };
  });
}

export async function deleteDraft(ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const before = await findDocument(ctx.db, actor, id);
  if (before.status === 'issued') throw frozen();
  const handler = handlerOf(before.kind);
  if (actor.communeId !== before.commune_id || !handler.mayDraft(actor, await unitCodeOf(ctx.db, actor)))
    throw forbidden();
  await audited(ctx, async (trx) => {
    const gone = await trx
      .deleteFrom('documents')
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) throw frozen();
    return {
      result: null,
      audit: {
        action: 'documents.delete_draft',
        entityType: 'document',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}

async function replacedOf(db: Kysely<DB>, doc: DocumentRow): Promise<Replaced | null> {
  if (!doc.replaces_id) return null;
  const old = await db
    .selectFrom('documents')
    .select(['number', 'symbol', 'issued_on'])
    .where('commune_id', '=', doc.commune_id)
    .where('id', '=', doc.replaces_id)
    .executeTakeFirst();
  if (!old?.number || !old.issued_on) return null;
  return { number: documentNumber(old.number, old.symbol), date: String(old.issued_on).slice(0, 10) };
}

/** The register's last number of a symbol in a year (0 before the first). */
async function lastNumber(db: Kysely<DB>, communeId: string, registerYear: number, symbol: string) {
  const row = await db
    .selectFrom('document_counters')
    .select('last_number')
    .where('commune_id', '=', communeId)
    .where('register_year', '=', registerYear)
    .where('symbol', '=', symbol)
    .executeTakeFirst();
  return row?.last_number ?? 0;
}

/** Thrown inside an issuing transaction when the number or the draft changed since it was rendered. */
class NumberTaken extends Error {}

/**
 * Takes number `n` of the register if the last number is still `n - 1`: the counter row is
 * created or moved on in one statement and stays locked until the transaction ends, so of two
 * issues at once the second waits, finds the number taken, and tries again with the next one.
 * Nothing is read and then written apart: numbers are unique and without gaps.
 */
async function claimNumber(
  trx: Transaction<DB>,
  communeId: string,
  registerYear: number,
  symbol: string,
  n: number,
) {
  const { rows } =
    n === 1
      ? await sql<{ last_number: number }>`
          insert into document_counters (commune_id, register_year, symbol, last_number)
          values (${communeId}, ${registerYear}, ${symbol}, 1)
          on conflict (commune_id, register_year, symbol) do nothing
          returning last_number`.execute(trx)
      : await sql<{ last_number: number }>`
          update document_counters set last_number = ${n}
          where commune_id = ${communeId} and register_year = ${registerYear} and symbol = ${symbol}
            and last_number = ${n - 1}
          returning last_number`.execute(trx);
  if (rows.length !== 1) throw new NumberTaken();
}

export interface Issued {
  id: string;
  number: number;
  fullNumber: string;
  symbol: string;
  issuedOn: string;
  sha256: string;
  fileId: string;
}

/** Claims, inside the caller's transaction, the number the DOCX was rendered with. */
export type Claim = (trx: Transaction<DB>) => Promise<{ issued: Issued; before: DocumentRow }>;

/**
 * Issues a draft: renders the DOCX with the next number of the register and the day's date, stores
 * it once through the FileStore (outside any transaction: the store may be the database itself),
 * then runs the caller's transaction, in which `claim` takes that number, runs the kind's checks,
 * writes the file's row with its SHA-256 and freezes the document. When another issue took the
 * number (or the draft was edited) meanwhile, the stored file is removed and it starts again with
 * the next number; a failed transaction removes the file and leaves nothing.
 */
export async function issuing<T>(
  ctx: { db: Kysely<DB>; actor: Actor | null; config: { filesDir: string; files?: FileStore } },
  target: { communeId: string; docId: string },
  signer: { name: string; title: string },
  data: unknown,
  transaction: (claim: Claim) => Promise<T>,
  date = today(),
): Promise<T> {
  const store = documentFiles(ctx);
  const registerYear = Number(date.slice(0, 4));
  for (let attempt = 0; attempt < 20; attempt++) {
    const doc = await ctx.db
      .selectFrom('documents')
      .selectAll()
      .where('commune_id', '=', target.communeId)
      .where('id', '=', target.docId)
      .executeTakeFirst();
    if (!doc) throw notFound('Văn bản');
    if (doc.status !== 'draft') throw conflict('Văn bản này đã được ban hành.');
    const handler = handlerOf(doc.kind);
    const n = (await lastNumber(ctx.db, target.communeId, registerYear, doc.symbol)) + 1;
    const issue: IssueFacts = { number: documentNumber(n, doc.symbol), date, signer };
    const bytes = await handler.render(data, doc, issue, await replacedOf(ctx.db, doc));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = newStorageKey();
    await store.put(key, bytes);
    const claim: Claim = async (trx) => {
      const locked = await trx
        .selectFrom('documents')
        .selectAll()
        .where('commune_id', '=', target.communeId)
        .where('id', '=', target.docId)
        .forUpdate()
        .executeTakeFirst();
      if (!locked) throw notFound('Văn bản');
      if (locked.status !== 'draft') throw conflict('Văn bản này đã được ban hành.');
      if (new Date(locked.updated_at).getTime() !== new Date(doc.updated_at).getTime())
        throw new NumberTaken();
      await claimNumber(trx, target.communeId, registerYear, doc.symbol, n);
      await handler.checkIssue?.(trx, locked);
      const file = await trx
        .insertInto('files')
        .values({
          commune_id: target.communeId,
          name: handler.fileName(doc, issue),
          mime: FILE_KINDS.docx.mime,
          size: bytes.length,
          sha256,
          storage_key: key,
          created_by: ctx.actor?.userId ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('documents')
        .set({
          status: 'issued',
          register_year: registerYear,
          number: n,
          issued_on: date,
          signer_name: signer.name,
          signer_title: signer.title,
          file_id: file.id,
          sha256,
          issued_by: ctx.actor?.userId ?? null,
          issued_at: new Date(),
          updated_at: new Date(),
        })
        .where('commune_id', '=', target.communeId)
        .where('id', '=', target.docId)
        .execute();
      await handler.afterIssue?.(trx, doc, issue);
      return {
        before: locked,
        issued: {
          id: doc.id,
          number: n,
          fullNumber: issue.number,
          symbol: doc.symbol,
          issuedOn: date,
          sha256,
          fileId: file.id,
        },
      };
    };
    try {
      return await transaction(claim);
    } catch (error) {
      await store.delete(key).catch(() => undefined);
      if (error instanceof NumberTaken) continue;
      throw error;
    }
  }
  throw conflict('Sổ văn bản đi đang có nhiều văn bản được cho số cùng lúc; vui lòng thử lại.');
}

export async function issueDocument(
  ctx: RequestContext,
  id: string,
  input: { signerName?: string; signerTitle?: string },
): Promise<Issued> {
  const actor = ctx.actor!;
  const doc = await findDocument(ctx.db, actor, id);
  if (actor.communeId !== doc.commune_id || !mayIssue(actor, await unitCodeOf(ctx.db, actor))) {
    throw forbidden('Chỉ Văn phòng HĐND và UBND hoặc lãnh đạo UBND cho số và ban hành văn bản.');
  }
  const problem = signerProblem({ name: input.signerName, title: input.signerTitle });
  if (problem) throw badRequest(problem.message, [problem]);
  if (doc.status !== 'draft') throw conflict('Văn bản này đã được ban hành.');
  const handler = handlerOf(doc.kind);
  const data = await handler.data(communeReader(ctx, doc.commune_id), doc);
  const signer = { name: input.signerName!.trim(), title: input.signerTitle!.trim() };
  return issuing(ctx, { communeId: doc.commune_id, docId: id }, signer, data, (claim) =>
    audited(ctx, async (trx) => {
      const { issued, before } = await claim(trx);
      return {
        result: issued,
        audit: {
          action: 'documents.issue',
          entityType: 'document',
          entityId: id,
          communeId: doc.commune_id,
          before: { status: before.status },
          after: { ...issued, signer },
        },
      };
    }),
  );
}

/** The document's DOCX: the frozen file of an issued one, or the draft rendered from today's data. */
export async function documentFile(
  ctx: RequestContext,
  id: string,
): Promise<{ name: string; bytes?: Buffer; stream?: Readable; size?: number }> {
  const doc = await findDocument(ctx.db, ctx.actor!, id);
  const handler = handlerOf(doc.kind);
  if (doc.status === 'issued') {
    const file = await ctx.db
      .selectFrom('files')
      .select(['name', 'size', 'storage_key'])
      .where('commune_id', '=', doc.commune_id)
      .where('id', '=', doc.file_id!)
      .executeTakeFirstOrThrow();
    return {
      name: file.name,
      size: file.size,
      stream: await documentFiles(ctx).get(file.storage_key),
    };
  }
  const data = await handler.data(communeReader(ctx, doc.commune_id), doc);
  return {
    name: handler.fileName(doc, null),
    bytes: await handler.render(data, doc, null, await replacedOf(ctx.db, doc)),
  };
}
