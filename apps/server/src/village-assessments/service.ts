import {
  assessmentProblem,
  can,
  culturalFamilyShare,
  cultureTitleShare,
  foldVietnamese,
  meetsCulturalTitle,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { checkVillageOf } from '../org/refs.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

/** Villages' yearly assessments: the village head enters, Phòng VH-XH reviews. */

export interface AssessmentInput {
  communeId?: string;
  villageId: string;
  year: number;
  households: number;
  culturalFamilies: number;
  modelItems?: string[];
  proposeTitle?: boolean;
  note?: string;
  fileIds?: string[];
}

type Row = NonNullable<Awaited<ReturnType<typeof find>>>;
function find(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('village_assessments')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

/** The village a village head answers for, or null. */
async function headedVillage(db: Kysely<DB>, actor: Actor) {
  if (!actor.communeId) return null;
  const row = await db
    .selectFrom('village_heads')
    .select('village_id')
    .where('commune_id', '=', actor.communeId)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return row?.village_id ?? null;
}

async function requireEnter(db: Kysely<DB>, actor: Actor, villageId: string) {
  if (can(actor.roles, 'villages.review')) return;
  if (!can(actor.roles, 'villages.assess')) throw forbidden();
  if ((await headedVillage(db, actor)) !== villageId) {
    throw forbidden('Trưởng thôn chỉ nhập kết quả của thôn mình.');
  }
}

async function views(db: Kysely<DB>, rows: Row[]) {
  if (rows.length === 0) return [];
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  const ids = [...new Set(rows.map((r) => r.reviewed_by).filter((x): x is string => !!x))];
  const [villages, users, files] = await Promise.all([
    db.selectFrom('villages').select(['id', 'name']).where('commune_id', 'in', communeIds).execute(),
    ids.length ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute() : [],
    filesById(
      db,
      communeIds,
      rows.flatMap((r) => r.file_ids),
    ),
  ]);
  const village = new Map(villages.map((v) => [v.id, v]));
  const user = new Map(users.map((u) => [u.id, u.full_name]));
  return rows.map((r) => assessmentView(r, village.get(r.village_id)?.name ?? '', user, files));
}

function assessmentView(
  r: Row,
  villageName: string,
  user: Map<string, string>,
  files: Awaited<ReturnType<typeof filesById>>,
) {
  const figures = {
    households: r.households,
    culturalFamilies: r.cultural_families,
    modelItems: r.model_items,
  };
  return {
    id: r.id,
    communeId: r.commune_id,
    village: { id: r.village_id, name: villageName },
    year: r.year,
    households: r.households,
    culturalFamilies: r.cultural_families,
    culturalFamilyShare: culturalFamilyShare(figures),
    modelItems: r.model_items,
    meetsTitle: meetsCulturalTitle(figures),
    proposeTitle: r.propose_title,
    note: r.note,
    files: pickFiles(files, r.file_ids),
    status: r.status,
    titleAchieved: r.title_achieved,
    reviewNote: r.review_note,
    reviewedBy: r.reviewed_by ? { id: r.reviewed_by, fullName: user.get(r.reviewed_by) ?? '' } : null,
    reviewedAt: r.reviewed_at ? new Date(r.reviewed_at).toISOString() : null,
  };
}

/** The year's table: every active village of the commune, with its assessment if any. */
export async function yearTable(
  ctx: RequestContext,
  filter: { communeId?: string; year: number; villageId?: string; q?: string },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, filter.communeId);
  let villages = ctx.db
    .selectFrom('villages as v')
    .select(['v.id', 'v.name', 'v.households'])
    .where('v.commune_id', '=', communeId)
    .where('v.is_active', '=', true);
  if (filter.villageId) villages = villages.where('v.id', '=', filter.villageId);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    villages = villages.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('v.name')), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('village_assessments as a')
            .select('a.id')
            .whereRef('a.commune_id', '=', 'v.commune_id')
            .whereRef('a.village_id', '=', 'v.id')
            .where('a.year', '=', filter.year)
            .where((sub) =>
              sub.or([
                sub(foldSql(sub.ref('a.note')), 'like', pattern),
                sub(foldSql(sub.ref('a.review_note')), 'like', pattern),
                ...('thon van hoa'.includes(needle) || needle.includes('thon van hoa')
                  ? [sub('a.title_achieved', '=', true)]
                  : []),
              ]),
            ),
        ),
      ]),
    );
  }
  const list = await villages.orderBy('v.name').execute();
  const rows = await ctx.db
    .selectFrom('village_assessments')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where('year', '=', filter.year)
    .execute();
  const assessed = new Map((await views(ctx.db, rows)).map((a) => [a.village.id, a]));
  const recognised = rows.filter((r) => r.title_achieved === true).length;
  const active = await ctx.db
    .selectFrom('villages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('commune_id', '=', communeId)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  // Who may enter which village's results: Phòng VH-XH any, a village head only his own.
  const actor = ctx.actor!;
  const reviewer = can(actor.roles, 'villages.review');
  const headed = !reviewer && can(actor.roles, 'villages.assess') ? await headedVillage(ctx.db, actor) : null;
  return {
    year: filter.year,
    activeVillages: Number(active.n),
    recognised,
    cultureTitleShare: cultureTitleShare(Number(active.n), recognised),
    villages: list.map((v) => ({
      village: { id: v.id, name: v.name },
      assessment: assessed.get(v.id) ?? null,
      mayEnter: reviewer || headed === v.id,
    })),
  };
}

function check(input: { households: number; culturalFamilies: number; modelItems?: string[] }) {
  const problem = assessmentProblem({ ...input, modelItems: input.modelItems ?? [] });
  if (problem) throw badRequest(problem.message, [problem]);
}

export async function createAssessment(ctx: RequestContext, input: AssessmentInput) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  await checkVillageOf(ctx.db, communeId, input.villageId);
  await requireEnter(ctx.db, actor, input.villageId);
  check(input);
  const fileIds = await checkCommuneFiles(ctx.db, communeId, input.fileIds);
  const exists = await ctx.db
    .selectFrom('village_assessments')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('village_id', '=', input.villageId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (exists) throw conflict(`Thôn này đã có kết quả năm ${input.year}; vui lòng sửa kết quả đã nhập.`);
  const row = await audited(ctx, async (trx) => {
    const created = await trx
      .insertInto('village_assessments')
      .values({
        commune_id: communeId,
        village_id: input.villageId,
        year: input.year,
        households: input.households,
        cultural_families: input.culturalFamilies,
        model_items: [...new Set(input.modelItems ?? [])],
        propose_title: input.proposeTitle ?? false,
        note: input.note ?? '',
        file_ids: fileIds,
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'villages.assess',
        entityType: 'village_assessment',
        entityId: created.id,
        communeId,
        after: created,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

async function load(ctx: RequestContext, id: string) {
  const row = await find(ctx.db, ctx.actor!, id);
  if (!row) throw notFound('Kết quả đánh giá thôn');
  return row;
}

export async function getAssessment(ctx: RequestContext, id: string) {
  return (await views(ctx.db, [await load(ctx, id)]))[0]!;
}

export async function updateAssessment(ctx: RequestContext, id: string, input: Partial<AssessmentInput>) {
  const before = await load(ctx, id);
  await requireEnter(ctx.db, ctx.actor!, before.village_id);
  if (before.status === 'reviewed' && !can(ctx.actor!.roles, 'villages.review')) {
    throw badRequest('Kết quả đã được Phòng Văn hóa - Xã hội xem xét; không sửa được nữa.');
  }
  check({
    households: input.households ?? before.households,
    culturalFamilies: input.culturalFamilies ?? before.cultural_families,
    modelItems: input.modelItems ?? before.model_items,
  });
  const fileIds =
    input.fileIds === undefined
      ? undefined
      : await checkCommuneFiles(ctx.db, before.commune_id, input.fileIds);
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('village_assessments')
      .set({
        ...(input.households === undefined ? {} : { households: input.households }),
        ...(input.culturalFamilies === undefined ? {} : { cultural_families: input.culturalFamilies }),
        ...(input.modelItems === undefined ? {} : { model_items: [...new Set(input.modelItems)] }),
        ...(input.proposeTitle === undefined ? {} : { propose_title: input.proposeTitle }),
        ...(input.note === undefined ? {} : { note: input.note }),
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
        action: 'villages.update',
        entityType: 'village_assessment',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export async function submitAssessment(ctx: RequestContext, id: string) {
  const before = await load(ctx, id);
  await requireEnter(ctx.db, ctx.actor!, before.village_id);
  if (before.status !== 'draft') throw badRequest('Chỉ gửi được kết quả đang nhập.');
  return setStatus(ctx, before, { status: 'submitted' }, 'villages.submit');
}

export async function reviewAssessment(
  ctx: RequestContext,
  id: string,
  input: { titleAchieved: boolean; note?: string },
) {
  const before = await load(ctx, id);
  if (
    input.titleAchieved &&
    !meetsCulturalTitle({
      households: before.households,
      culturalFamilies: before.cultural_families,
      modelItems: before.model_items,
    }) &&
    !input.note?.trim()
  ) {
    const message =
      'Thôn chưa đạt đủ tỷ lệ gia đình văn hóa hoặc các tiêu chí của mô hình; vui lòng ghi rõ lý do công nhận.';
    throw badRequest(message, [{ path: 'note', message }]);
  }
  return setStatus(
    ctx,
    before,
    {
      status: 'reviewed',
      title_achieved: input.titleAchieved,
      review_note: input.note ?? '',
      reviewed_by: ctx.actor!.userId,
      reviewed_at: new Date(),
    },
    'villages.review',
  );
}

async function setStatus(ctx: RequestContext, before: Row, set: Record<string, unknown>, action: string) {
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('village_assessments')
      .set({ ...set, updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action,
        entityType: 'village_assessment',
        entityId: before.id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await views(ctx.db, [row]))[0]!;
}

export { views as assessmentViews };
