import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { seesPersonalData } from '../feedback/access.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { visibleCommuneIds } from '../org/scope.ts';
import type { FileRef } from './service.ts';

/**
 * Every kind of record that holds files, with the rule of who may read that record. A file is
 * readable by exactly who may read a record it belongs to (RELIABILITY 30): GET /api/files/:id
 * asks every kind here (readableFile). A file no record holds yet (uploaded, not saved with a
 * record) is its uploader's alone.
 *
 * A table that gets a column of files must be declared here: the test walks the database's
 * columns (file_id, file_ids) and fails for one that is not.
 */
export interface FileHolderKind {
  /** the kind of record, as the audit names it */
  kind: string;
  table: keyof DB;
  /** the column naming the file(s): a uuid or a uuid[] */
  column: string;
  array: boolean;
  /**
   * Who may read such a record, besides seeing its commune (which every file needs): 'commune'
   * for records every user who sees the commune reads through its routes; otherwise the holding
   * records with what their rule needs, and the rule.
   */
  read:
    | 'commune'
    | {
        holders: (db: Kysely<DB>, communeId: string, fileId: string) => Promise<HolderRow[]>;
        may: (actor: Actor, holder: HolderRow) => boolean;
      };
}

type HolderRow = { commune_id: string; unit_id: string | null };

export const FILE_HOLDERS: FileHolderKind[] = [
  {
    // a citizen's photos and scans go with the sender's contact: the coordinator, the
    // leaders, the administrator and the unit it is assigned to; not MTTQ, not the city,
    // not another unit or a village head
    kind: 'feedback_item',
    table: 'feedback_files',
    column: 'file_id',
    array: false,
    read: {
      holders: (db, communeId, fileId) =>
        db
          .selectFrom('feedback_files as h')
          .innerJoin('feedback_items as i', (j) =>
            j.onRef('i.commune_id', '=', 'h.commune_id').onRef('i.id', '=', 'h.item_id'),
          )
          .select(['i.commune_id', 'i.unit_id'])
          .where('h.commune_id', '=', communeId)
          .where('h.file_id', '=', fileId)
          .execute(),
      may: (actor, item) => seesPersonalData(actor, item),
    },
  },
  { kind: 'progress_note', table: 'progress_notes', column: 'file_ids', array: true, read: 'commune' },
  { kind: 'assessment_score', table: 'assessment_scores', column: 'file_ids', array: true, read: 'commune' },
  { kind: 'budget_spending', table: 'budget_spendings', column: 'file_ids', array: true, read: 'commune' },
  {
    kind: 'outreach_document',
    table: 'outreach_documents',
    column: 'file_id',
    array: false,
    read: 'commune',
  },
  {
    kind: 'outreach_activity',
    table: 'outreach_activities',
    column: 'file_ids',
    array: true,
    read: 'commune',
  },
  { kind: 'good_example', table: 'good_examples', column: 'file_ids', array: true, read: 'commune' },
  {
    kind: 'village_assessment',
    table: 'village_assessments',
    column: 'file_ids',
    array: true,
    read: 'commune',
  },
  { kind: 'reward', table: 'rewards', column: 'file_ids', array: true, read: 'commune' },
  // the material a commune adds when the city returns its file; the city and the commune read the rounds
  { kind: 'assessment_round', table: 'assessment_rounds', column: 'file_ids', array: true, read: 'commune' },
  // an issued document's DOCX, frozen: whoever sees the commune's register of documents
  { kind: 'issued_document', table: 'documents', column: 'file_id', array: false, read: 'commune' },
  // MTTQ's and Ban XDĐ's supervision and critique, and the commune's answer: read by the commune
  {
    kind: 'supervision_entry',
    table: 'supervision_entries',
    column: 'file_ids',
    array: true,
    read: 'commune',
  },
  {
    kind: 'supervision_answer',
    table: 'supervision_entries',
    column: 'answer_file_ids',
    array: true,
    read: 'commune',
  },
];

/** The records of one kind that hold a file (with what its rule reads). */
async function holdersOf(
  db: Kysely<DB>,
  kind: FileHolderKind,
  communeId: string,
  fileId: string,
): Promise<unknown[]> {
  if (kind.read !== 'commune') return kind.read.holders(db, communeId, fileId);
  const match = kind.array
    ? sql`${fileId}::uuid = any(${sql.ref(kind.column)})`
    : sql`${sql.ref(kind.column)} = ${fileId}::uuid`;
  const rows = await sql<{ one: number }>`
    select 1 as one from ${sql.table(kind.table)} where commune_id = ${communeId} and ${match} limit 1
  `.execute(db);
  return rows.rows;
}

/**
 * The file if the actor may read it: its commune is one the actor sees, and a record holding
 * it is one the actor may read (or nothing holds it and the actor uploaded it). Anything
 * else is a 404, as if the file did not exist.
 */
export async function readableFile(ctx: RequestContext, fileId: string): Promise<void> {
  const actor = ctx.actor!;
  const file = await ctx.db
    .selectFrom('files')
    .select(['commune_id', 'created_by'])
    .where('id', '=', fileId)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, actor))
    .executeTakeFirst();
  if (!file) throw notFound('Tệp');
  let held = false;
  for (const kind of FILE_HOLDERS) {
    const rows = await holdersOf(ctx.db, kind, file.commune_id, fileId);
    if (rows.length === 0) continue;
    held = true;
    if (kind.read === 'commune') return;
    const rule = kind.read;
    if ((rows as HolderRow[]).some((row) => rule.may(actor, row))) return;
  }
  if (!held && file.created_by !== null && file.created_by === actor.userId) return;
  throw notFound('Tệp');
}

/** Checks that every id names a file of the commune; refuses the whole request otherwise. */
export async function checkCommuneFiles(
  db: Kysely<DB>,
  communeId: string,
  ids: readonly string[] | undefined,
  path = 'fileIds',
): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const found = await db
    .selectFrom('files')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    const message = 'Có tệp minh chứng không tồn tại hoặc không thuộc xã này.';
    throw badRequest(message, [{ path, message }]);
  }
  // A file held by a record with a narrower rule (a citizen's attachment) cannot be attached
  // to a record the whole commune reads: that would hand it to everyone.
  for (const kind of FILE_HOLDERS) {
    if (kind.read === 'commune') continue;
    for (const id of unique) {
      if ((await holdersOf(db, kind, communeId, id)).length > 0) {
        const message = 'Tệp đính kèm của người dân không được gắn vào hồ sơ khác.';
        throw badRequest(message, [{ path, message }]);
      }
    }
  }
  return unique;
}

/** The files named by rows' file_ids, by id. */
export async function filesById(
  db: Kysely<DB>,
  communeIds: readonly string[],
  ids: readonly string[],
): Promise<Map<string, FileRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || communeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('files')
    .select(['id', 'name', 'size', 'mime'])
    .where('commune_id', 'in', [...new Set(communeIds)])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function pickFiles(map: Map<string, FileRef>, ids: readonly string[]): FileRef[] {
  return ids.flatMap((id) => (map.has(id) ? [map.get(id)!] : []));
}
