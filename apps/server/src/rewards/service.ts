import {
  can,
  decisionDateProblem,
  decisionNumberProblem,
  foldVietnamese,
  NOMINEE_KIND_LABELS,
  type NomineeKind,
  REWARD_STATUS_LABELS,
  type RewardStatus,
  vietnamDate,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { columnIfDefined } from '../db/columns.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { checkUnitOf, checkVillageOf } from '../org/refs.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

export interface NominationInput {
  communeId?: string;
  year: number;
  nomineeKind: NomineeKind;
  nomineeName: string;
  nomineePosition?: string;
  unitId?: string | null;
  villageId?: string | null;
  achievements: string;
  fileIds?: string[];
}

type Row = NonNullable<Awaited<ReturnType<typeof find>>>;
function find(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('rewards')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

export async function rewardViews(db: Kysely<DB>, rows: Row[]) {
  if (rows.length === 0) return [];
  const communeIds = [...new Set(rows.map((r) => r.commune_id))];
  const userIds = [
    ...new Set(
      rows.flatMap((r) => [r.nominated_by, r.commented_by, r.decided_by]).filter((x): x is string => !!x),
    ),
  ];
  const [units, villages, users, files] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', 'in', communeIds).execute(),
    db.selectFrom('villages').select(['id', 'name']).where('commune_id', 'in', communeIds).execute(),
    userIds.length
      ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', userIds).execute()
      : [],
    filesById(
      db,
      communeIds,
      rows.flatMap((r) => r.file_ids),
    ),
  ]);
  const unit = new Map(units.map((u) => [u.id, u]));
  const village = new Map(villages.map((v) => [v.id, v]));
  const user = new Map(users.map((u) => [u.id, { id: u.id, fullName: u.full_name }]));
  const person = (id: string | null) => (id ? (user.get(id) ?? null) : null);
  return rows.map((r) => ({
    id: r.id,
    communeId: r.commune_id,
    year: r.year,
    nomineeKind: r.nominee_kind,
    nomineeKindLabel: NOMINEE_KIND_LABELS[r.nominee_kind],
    nomineeName: r.nominee_name,
    nomineePosition: r.nominee_position,
    unit: r.unit_id ? (unit.get(r.unit_id) ?? null) : null,
    village: r.village_id ? (village.get(r.village_id) ?? null) : null,
    achievements: r.achievements,
    files: pickFiles(files, r.file_ids),
    nominatedBy: person(r.nominated_by),
    nominatingUnit: r.nominating_unit_id ? (unit.get(r.nominating_unit_id) ?? null) : null,
    status: r.status,
    statusLabel: REWARD_STATUS_LABELS[r.status],
    mttqComment: r.mttq_comment,
    commentedBy: person(r.commented_by),
    form: r.form,
    decisionNumber: r.decision_number,
    decisionDate: r.decision_date ? String(r.decision_date).slice(0, 10) : null,
    decisionNote: r.decision_note,
    decidedBy: person(r.decided_by),
  }));
}

export async function listRewards(
  ctx: RequestContext,
  filter: { communeId?: string; year?: number; unitId?: string; status?: RewardStatus; q?: string },
) {
  const actor = ctx.actor!;
  let q = ctx.db
    .selectFrom('rewards as r')
    .selectAll('r')
    .where('r.commune_id', 'in', visibleCommuneIds(ctx.db, actor));
  if (filter.communeId)
    q = q.where('r.commune_id', '=', await resolveCommuneId(ctx.db, actor, filter.communeId));
  if (filter.year) q = q.where('r.year', '=', filter.year);
  if (filter.unitId)
    q = q.where((eb) =>
      eb.or([eb('r.unit_id', '=', filter.unitId!), eb('r.nominating_unit_id', '=', filter.unitId!)]),
    );
  if (filter.status) q = q.where('r.status', '=', filter.status);
  const needle = filter.q ? foldVietnamese(filter.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    q = q.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('r.nominee_name')), 'like', pattern),
        eb(foldSql(eb.ref('r.nominee_position')), 'like', pattern),
        eb(foldSql(eb.ref('r.achievements')), 'like', pattern),
        eb(foldSql(eb.ref('r.form')), 'like', pattern),
      ]),
    );
  }
  const rows = await q
    .orderBy('r.year', 'desc')
    .orderBy('r.nominee_kind', 'desc')
    .orderBy('r.nominee_name')
    .limit(1000)
    .execute();
  return rewardViews(ctx.db, rows);
}

async function load(ctx: RequestContext, id: string) {
  const row = await find(ctx.db, ctx.actor!, id);
  if (!row) throw notFound('Đề nghị khen thưởng');
  return row;
}

export async function getReward(ctx: RequestContext, id: string) {
  return (await rewardViews(ctx.db, [await load(ctx, id)]))[0]!;
}

async function change(ctx: RequestContext, before: Row, set: Record<string, unknown>, action: string) {
  const row = await audited(ctx, async (trx) => {
    const updated = await trx
      .updateTable('rewards')
      .set({ ...set, updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: updated,
      audit: {
        action,
        entityType: 'reward',
        entityId: before.id,
        communeId: before.commune_id,
        before,
        after: updated,
      },
    };
  });
  return (await rewardViews(ctx.db, [row]))[0]!;
}

export async function nominate(ctx: RequestContext, input: NominationInput) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  await checkUnitOf(ctx.db, communeId, input.unitId);
  await checkVillageOf(ctx.db, communeId, input.villageId);
  const fileIds = await checkCommuneFiles(ctx.db, communeId, input.fileIds);
  const row = await audited(ctx, async (trx) => {
    const created = await trx
      .insertInto('rewards')
      .values({
        commune_id: communeId,
        year: input.year,
        nominee_kind: input.nomineeKind,
        nominee_name: input.nomineeName,
        nominee_position: input.nomineePosition ?? '',
        unit_id: input.unitId ?? null,
        village_id: input.villageId ?? null,
        achievements: input.achievements,
        file_ids: fileIds,
        nominated_by: actor.userId,
        nominating_unit_id: actor.communeId === communeId ? actor.unitId : null,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: created,
      audit: {
        action: 'rewards.nominate',
        entityType: 'reward',
        entityId: created.id,
        communeId,
        after: created,
      },
    };
  });
  return (await rewardViews(ctx.db, [row]))[0]!;
}

export async function updateNomination(ctx: RequestContext, id: string, input: Partial<NominationInput>) {
  const before = await load(ctx, id);
  const actor = ctx.actor!;
  if (!can(actor.roles, 'plans.manage') && before.nominated_by !== actor.userId) {
    throw forbidden('Chỉ người đề nghị hoặc Phòng Văn hóa - Xã hội được sửa đề nghị này.');
  }
  if (before.status !== 'nominated') throw badRequest('Đề nghị đã có quyết định; không sửa được nữa.');
  await checkUnitOf(ctx.db, before.commune_id, input.unitId);
  await checkVillageOf(ctx.db, before.commune_id, input.villageId);
  const fileIds =
    input.fileIds === undefined
      ? undefined
      : await checkCommuneFiles(ctx.db, before.commune_id, input.fileIds);
  return change(
    ctx,
    before,
    {
      ...columnIfDefined(input.year, 'year'),
      ...columnIfDefined(input.nomineeKind, 'nominee_kind'),
      ...columnIfDefined(input.nomineeName, 'nominee_name'),
      ...columnIfDefined(input.nomineePosition, 'nominee_position'),
      ...columnIfDefined(input.unitId, 'unit_id'),
      ...columnIfDefined(input.villageId, 'village_id'),
      ...columnIfDefined(input.achievements, 'achievements'),
      ...columnIfDefined(fileIds, 'file_ids'),
    },
    'rewards.update',
  );
}

export async function comment(ctx: RequestContext, id: string, text: string) {
  const before = await load(ctx, id);
  if (before.status !== 'nominated') throw badRequest('Đề nghị đã có quyết định; không góp ý được nữa.');
  return change(
    ctx,
    before,
    { mttq_comment: text, commented_by: ctx.actor!.userId, commented_at: new Date() },
    'rewards.comment',
  );
}

export async function decide(
  ctx: RequestContext,
  id: string,
  input: { award: boolean; form?: string; decisionNumber?: string; decisionDate?: string; note?: string },
) {
  const before = await load(ctx, id);
  if (before.status !== 'nominated') throw badRequest('Đề nghị này đã có quyết định.');
  if (!input.award) {
    if (!input.note?.trim()) {
      const message = 'Vui lòng ghi lý do không khen thưởng.';
      throw badRequest(message, [{ path: 'note', message }]);
    }
    return change(
      ctx,
      before,
      {
        status: 'declined',
        decision_note: input.note,
        decided_by: ctx.actor!.userId,
        decided_at: new Date(),
      },
      'rewards.decline',
    );
  }
  const problems: { path: string; message: string }[] = [];
  if (!input.form?.trim()) problems.push({ path: 'form', message: 'Vui lòng nhập hình thức khen thưởng.' });
  const numberProblem = decisionNumberProblem(input.decisionNumber ?? '');
  if (numberProblem) problems.push({ path: 'decisionNumber', message: numberProblem });
  if (!input.decisionDate) problems.push({ path: 'decisionDate', message: 'Vui lòng nhập ngày quyết định.' });
  else {
    const dateProblem = decisionDateProblem(input.decisionDate, before.year, vietnamDate(new Date()));
    if (dateProblem) problems.push({ path: 'decisionDate', message: dateProblem });
  }
  if (problems.length > 0) throw badRequest(problems.map((p) => p.message).join(' '), problems);
  return change(
    ctx,
    before,
    {
      status: 'awarded',
      form: input.form!.trim(),
      decision_number: input.decisionNumber!.trim(),
      decision_date: input.decisionDate,
      decision_note: input.note ?? '',
      decided_by: ctx.actor!.userId,
      decided_at: new Date(),
    },
    'rewards.award',
  );
}
