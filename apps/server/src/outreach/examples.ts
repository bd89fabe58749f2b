import { can, foldVietnamese, GOOD_EXAMPLE_KIND_LABELS, type GoodExampleKind } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { columnIfDefined } from '../db/columns.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { checkUnitOf, checkVillageOf } from '../org/refs.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

/**
 * Good examples (gương điển hình, cách làm hay) and units that fall short, recorded by
 * Trung tâm Dịch vụ sự nghiệp công (plan, part V.6) or the coordinator.
 */

export const SERVICE_CENTRE_CODE = 'TTDVSNC';

export interface ExampleInput {
  communeId?: string;
  kind: GoodExampleKind;
  year: number;
  subject: string;
  unitId?: string | null;
  villageId?: string | null;
  title: string;
  content?: string;
  fileIds?: string[];
  links?: string[];
}

async function requireRecorder(db: Kysely<DB>, actor: Actor) {
  if (!can(actor.roles, 'outreach.examples')) throw forbidden();
  if (actor.roles.includes('admin') || actor.roles.includes('coordinator')) return;
  const unit = actor.unitId
    ? await db.selectFrom('units').select('code').where('id', '=', actor.unitId).executeTakeFirst()
    : undefined;
  if (unit?.code !== SERVICE_CENTRE_CODE) {
    throw forbidden(
      'Chỉ Trung tâm Dịch vụ sự nghiệp công hoặc Phòng Văn hóa - Xã hội ghi nhận gương điển hình.',
    );
  }
}

type Row = NonNullable<Awaited<ReturnType<typeof find>>>;
function find(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('good_examples')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

async function views(db: Kysely<DB>, rows: Row[]) {
  if (rows.length === 0) return [];
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  const [units, villages, files] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', 'in', communeIds).execute(),
    db.selectFrom('villages').select(['id', 'name']).where('commune_id', 'in', communeIds).execute(),
    filesById(
      db,
      communeIds,
      rows.flatMap((r) => r.file_ids),
    ),
  ]);
  const unit = new Map(units.map((u) => [u.id, u]));
  const village = new Map(villages.map((v) => [v.id, v]));
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    kind: r.kind,
    kindLabel: GOOD_EXAMPLE_KIND_LABELS[r.kind],
    year: r.year,
    subject: r.subject,
    unit: r.unit_id ? (unit.get(r.unit_id) ?? null) : null,
    village: r.village_id ? (village.get(r.village_id) ?? null) : null,
    title: r.title,
    content: r.content,
    files: pickFiles(files, r.file_ids),
    links: r.links,
  }));
}

export async function listExamples(
  ctx: RequestContext,
  filter: { communeId?: string; year?: number; unitId?: string; kind?: GoodExampleKind; q?: string },
) {
  const actor = ctx.actor!;
  let q = ctx.db
    .selectFrom('good_examples as g')
    .selectAll('g')
    .where('g.commune_id', 'in', visibleCommuneIds(ctx.db, actor));
  if (filter.communeId)
    q = q.where('g.commune_id', '=', await resolveCommuneId(ctx.db, actor, filter.communeId));
  if (filter.year) q = q.where('g.year', '=', filter.year);
  if (filter.unitId) q = q.where('g.unit_id', '=', filter.unitId);
  if (filter.kind) q = q.where('g.kind', '=', filter.kind);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('g.title')), 'like', pattern),
        eb(foldSql(eb.ref('g.subject')), 'like', pattern),
        eb(foldSql(eb.ref('g.content')), 'like', pattern),
      ]),
    );
  }
  return views(
    ctx.db,
    await q.orderBy('g.year', 'desc').orderBy('g.created_at', 'desc').limit(1000).execute(),
  );
}

function columns(input: Partial<ExampleInput>) {
  return {
    ...columnIfDefined(input.kind, 'kind'),
    ...columnIfDefined(input.year, 'year'),
    ...columnIfDefined(input.subject, 'subject'),
    ...columnIfDefined(input.unitId, 'unit_id'),
    ...columnIfDefined(input.villageId, 'village_id'),
    ...columnIfDefined(input.title, 'title'),
    ...columnIfDefined(input.content, 'content'),
    ...columnIfDefined(input.links, 'links'),
  };
}

export async function createExample(ctx: RequestContext, input: ExampleInput) {
  const actor = ctx.actor!;
  await requireRecorder(ctx.db, actor);
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  await checkUnitOf(ctx.db, communeId, input.unitId);
  await checkVillageOf(ctx.db, communeId, input.villageId);
  const fileIds = await checkCommuneFiles(ctx.db, communeId, input.fileIds);
  const row = await audited(ctx, async (trx) => {
    const created = await trx
      .insertInto('good_examples')
      .values({
        commune_id: communeId,
        ...(columns(input) as { kind: GoodExampleKind; year: number; subject: string; title: string }),
        file_ids: fileIds,
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'outreach.example_create',
        entityType: 'good_example',
        entityId: created.id,
        communeId,
        after: created,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export async function updateExample(ctx: RequestContext, id: string, input: Partial<ExampleInput>) {
  const before = await find(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Gương điển hình');
  await requireRecorder(ctx.db, ctx.actor!);
  await checkUnitOf(ctx.db, before.commune_id, input.unitId);
  await checkVillageOf(ctx.db, before.commune_id, input.villageId);
  const fileIds =
    input.fileIds === undefined
      ? undefined
      : await checkCommuneFiles(ctx.db, before.commune_id, input.fileIds);
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('good_examples')
      .set({
        ...columns(input),
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
        action: 'outreach.example_update',
        entityType: 'good_example',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export async function deleteExample(ctx: RequestContext, id: string) {
  const before = await find(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Gương điển hình');
  await requireRecorder(ctx.db, ctx.actor!);
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('good_examples')
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .execute();
    return {
      result: null,
      audit: {
        action: 'outreach.example_delete',
        entityType: 'good_example',
        entityId: id,
        communeId: before.commune_id,
        before,
      },
    };
  });
}
