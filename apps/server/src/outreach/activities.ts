import {
  can,
  foldVietnamese,
  OUTREACH_KIND_LABELS,
  type OutreachKind,
  outreachCoverage,
  placeProblem,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { columnIfDefined } from '../db/columns.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { checkUnitOf, checkVillageOf, yearRange } from '../org/refs.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { outreachFigures } from './figures.ts';

/** Outreach activities: logged by units, MTTQ and village heads; coverage per village and channel. */

export interface ActivityInput {
  communeId?: string;
  kind: OutreachKind;
  title: string;
  heldOn: string;
  place?: string;
  villageId?: string | null;
  unitId?: string | null;
  audience?: number | null;
  content?: string;
  documentIds?: string[];
  fileIds?: string[];
  links?: string[];
  isPublic?: boolean;
}

export interface ActivityFilter {
  communeId?: string;
  year?: number;
  unitId?: string;
  villageId?: string;
  kind?: OutreachKind;
  q?: string;
}

type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

function findActivity(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('outreach_activities')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

async function checkDocuments(db: Kysely<DB>, communeId: string, ids: readonly string[] | undefined) {
  const unique = [...new Set(ids ?? [])];
  if (unique.length === 0) return [];
  const found = await db
    .selectFrom('outreach_documents')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    const message = 'Có văn bản không có trong thư viện văn bản của xã.';
    throw badRequest(message, [{ path: 'documentIds', message }]);
  }
  return unique;
}

async function views(db: Kysely<DB>, rows: ActivityRow[]) {
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  if (rows.length === 0) return [];
  const [villages, units, documents, users, files] = await Promise.all([
    db.selectFrom('villages').select(['id', 'name']).where('commune_id', 'in', communeIds).execute(),
    db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', 'in', communeIds).execute(),
    db
      .selectFrom('outreach_documents')
      .select(['id', 'number', 'title'])
      .where('commune_id', 'in', communeIds)
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'full_name'])
      .where(
        'id',
        'in',
        [...new Set(rows.map((r) => r.created_by).filter((x): x is string => !!x))].concat([
          '00000000-0000-0000-0000-000000000000',
        ]),
      )
      .execute(),
    filesById(
      db,
      communeIds,
      rows.flatMap((r) => r.file_ids),
    ),
  ]);
  const village = new Map(villages.map((v) => [v.id, v]));
  const unit = new Map(units.map((u) => [u.id, u]));
  const doc = new Map(documents.map((d) => [d.id, d]));
  const user = new Map(users.map((u) => [u.id, u.full_name]));
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    kind: r.kind,
    kindLabel: OUTREACH_KIND_LABELS[r.kind],
    title: r.title,
    heldOn: String(r.held_on).slice(0, 10),
    place: r.place,
    village: r.village_id ? (village.get(r.village_id) ?? null) : null,
    unit: r.unit_id ? (unit.get(r.unit_id) ?? null) : null,
    audience: r.audience,
    content: r.content,
    documents: r.document_ids.flatMap((id) => (doc.has(id) ? [doc.get(id)!] : [])),
    files: pickFiles(files, r.file_ids),
    links: r.links,
    isPublic: r.is_public,
    createdBy: r.created_by ? { id: r.created_by, fullName: user.get(r.created_by) ?? '' } : null,
  }));
}

export async function listActivities(ctx: RequestContext, filter: ActivityFilter) {
  const actor = ctx.actor!;
  let q = ctx.db
    .selectFrom('outreach_activities as a')
    .selectAll('a')
    .where('a.commune_id', 'in', visibleCommuneIds(ctx.db, actor));
  if (filter.communeId)
    q = q.where('a.commune_id', '=', await resolveCommuneId(ctx.db, actor, filter.communeId));
  if (filter.year) {
    const [from, to] = yearRange(filter.year);
    q = q.where('a.held_on', '>=', from).where('a.held_on', '<', to);
  }
  if (filter.unitId) q = q.where('a.unit_id', '=', filter.unitId);
  if (filter.villageId) q = q.where('a.village_id', '=', filter.villageId);
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('a.title')), 'like', pattern),
        eb(foldSql(eb.ref('a.place')), 'like', pattern),
        eb(foldSql(eb.ref('a.content')), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('villages as v')
            .select('v.id')
            .whereRef('v.commune_id', '=', 'a.commune_id')
            .whereRef('v.id', '=', 'a.village_id')
            .where((sub) => sub(foldSql(sub.ref('v.name')), 'like', pattern)),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('a.held_on', 'desc').orderBy('a.created_at', 'desc').limit(1000).execute();
  return views(ctx.db, rows);
}

async function loadActivity(ctx: RequestContext, id: string) {
  const row = await findActivity(ctx.db, ctx.actor!, id);
  if (!row) throw notFound('Hoạt động tuyên truyền');
  return row;
}

export async function getActivity(ctx: RequestContext, id: string) {
  return (await views(ctx.db, [await loadActivity(ctx, id)]))[0]!;
}

function mayEdit(actor: Actor, row: { created_by: string | null; unit_id: string | null }) {
  return (
    can(actor.roles, 'outreach.manage') ||
    row.created_by === actor.userId ||
    (actor.unitId !== null && actor.unitId === row.unit_id)
  );
}

async function validate(
  ctx: RequestContext,
  communeId: string,
  input: Partial<ActivityInput>,
  before?: ActivityRow,
) {
  const place = input.place ?? before?.place ?? '';
  const villageId = input.villageId === undefined ? (before?.village_id ?? null) : input.villageId;
  await checkVillageOf(ctx.db, communeId, input.villageId);
  await checkUnitOf(ctx.db, communeId, input.unitId);
  const problem = placeProblem(place, villageId);
  if (problem) throw badRequest(problem, [{ path: 'place', message: problem }]);
  const documentIds =
    input.documentIds === undefined ? undefined : await checkDocuments(ctx.db, communeId, input.documentIds);
  const fileIds =
    input.fileIds === undefined ? undefined : await checkCommuneFiles(ctx.db, communeId, input.fileIds);
  return { documentIds, fileIds };
}

function columns(input: Partial<ActivityInput>) {
  return {
    ...columnIfDefined(input.kind, 'kind'),
    ...columnIfDefined(input.title, 'title'),
    ...columnIfDefined(input.heldOn, 'held_on'),
    ...columnIfDefined(input.place, 'place'),
    ...columnIfDefined(input.villageId, 'village_id'),
    ...columnIfDefined(input.unitId, 'unit_id'),
    ...columnIfDefined(input.audience, 'audience'),
    ...columnIfDefined(input.content, 'content'),
    ...columnIfDefined(input.links, 'links'),
    ...columnIfDefined(input.isPublic, 'is_public'),
  };
}

export async function createActivity(ctx: RequestContext, input: ActivityInput) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  const unitId = input.unitId === undefined ? actor.unitId : input.unitId;
  const { documentIds, fileIds } = await validate(ctx, communeId, { ...input, unitId });
  const row = await audited(ctx, async (trx) => {
    const created = await trx
      .insertInto('outreach_activities')
      .values({
        commune_id: communeId,
        ...(columns({ ...input, unitId }) as { kind: OutreachKind; title: string; held_on: string }),
        document_ids: documentIds ?? [],
        file_ids: fileIds ?? [],
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'outreach.create',
        entityType: 'outreach_activity',
        entityId: created.id,
        communeId,
        after: created,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export async function updateActivity(ctx: RequestContext, id: string, input: Partial<ActivityInput>) {
  const before = await loadActivity(ctx, id);
  if (!mayEdit(ctx.actor!, before))
    throw forbidden('Chỉ người ghi, đơn vị tổ chức hoặc Phòng Văn hóa - Xã hội được sửa hoạt động này.');
  const { documentIds, fileIds } = await validate(ctx, before.commune_id, input, before);
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('outreach_activities')
      .set({
        ...columns(input),
        ...(documentIds === undefined ? {} : { document_ids: documentIds }),
        ...(fileIds === undefined ? {} : { file_ids: fileIds }),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action: 'outreach.update',
        entityType: 'outreach_activity',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export async function deleteActivity(ctx: RequestContext, id: string) {
  const before = await loadActivity(ctx, id);
  if (!mayEdit(ctx.actor!, before))
    throw forbidden('Chỉ người ghi, đơn vị tổ chức hoặc Phòng Văn hóa - Xã hội được xóa hoạt động này.');
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('outreach_activities')
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'outreach.delete',
        entityType: 'outreach_activity',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}

/** A year's coverage of a commune: per active village and per channel. */
export async function coverageOf(db: Kysely<DB>, communeId: string, year: number, until?: string) {
  const [from, to] = yearRange(year);
  let q = db
    .selectFrom('outreach_activities')
    .select(['kind', 'village_id', 'audience'])
    .where('commune_id', '=', communeId)
    .where('held_on', '>=', from)
    .where('held_on', '<', to);
  if (until) q = q.where('held_on', '<=', until);
  const [activities, villages, totals] = await Promise.all([
    q.execute(),
    db
      .selectFrom('villages')
      .select(['id', 'name'])
      .where('commune_id', '=', communeId)
      .where('is_active', '=', true)
      .orderBy('name')
      .execute(),
    outreachFigures(
      db,
      { communeIds: [communeId], years: [year], today: until ?? `${year}-12-31` },
      until ?? null,
    ),
  ]);
  // The year's totals are the figures the city compares (one computation: outreach/figures.ts).
  const total = totals.get(cellKey(communeId, year))!;
  const coverage = outreachCoverage(
    villages.map((v) => v.id),
    activities.map((a) => ({ kind: a.kind, villageId: a.village_id, audience: a.audience })),
  );
  const name = new Map(villages.map((v) => [v.id, v.name]));
  return {
    year,
    ...coverage,
    activities: total.activities,
    audience: total.audience,
    activeVillages: total.activeVillages,
    coveredVillages: total.coveredVillages,
    share: total.villageShare,
    villages: coverage.villages.map((v) => ({ ...v, name: name.get(v.villageId) ?? '' })),
    channels: coverage.channels.map((c) => ({ ...c, label: OUTREACH_KIND_LABELS[c.kind] })),
  };
}

export async function coverage(ctx: RequestContext, communeId: string | undefined, year: number) {
  return coverageOf(ctx.db, await resolveCommuneId(ctx.db, ctx.actor!, communeId), year);
}
