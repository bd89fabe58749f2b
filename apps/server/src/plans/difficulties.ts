import { audited } from '../audit/service.ts';
import { answerQueuedDifficulty, queueDifficulty } from '../feedback/difficulties.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import { headedVillage } from '../villages/store.ts';
import { inTask, isCoordinator, taskForOccurrence } from './progress.ts';

/** Vướng mắc, khó khăn: reported by units against a task, answered by the coordinator or a leader. */
export async function listDifficulties(
  ctx: RequestContext,
  filter: { communeId?: string; year?: number; planId?: string; answered?: boolean },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, filter.communeId);
  let q = ctx.db
    .selectFrom('difficulties as d')
    .innerJoin('plan_tasks as t', (j) =>
      j.onRef('t.commune_id', '=', 'd.commune_id').onRef('t.id', '=', 'd.task_id'),
    )
    .leftJoin('users as a', 'a.id', 'd.author_id')
    .leftJoin('users as r', 'r.id', 'd.answered_by')
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 'd.commune_id').onRef('u.id', '=', 'd.unit_id'),
    )
    .leftJoin('villages as v', (j) =>
      j.onRef('v.commune_id', '=', 'd.commune_id').onRef('v.id', '=', 'd.village_id'),
    )
    .where('d.commune_id', '=', communeId);
  if (filter.year) q = q.where('d.year', '=', filter.year);
  if (filter.planId) q = q.where('t.plan_id', '=', filter.planId);
  if (filter.answered !== undefined) q = q.where('d.answer', filter.answered ? 'is not' : 'is', null);
  const rows = await q
    .select([
      'd.id',
      'd.task_id',
      't.number',
      't.content as task_content',
      'd.year',
      'd.content',
      'd.answer',
      'd.answered_at',
      'd.created_at',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'v.id as village_id',
      'v.name as village_name',
      'd.author_id',
      'a.full_name as author_name',
      'd.answered_by',
      'r.full_name as answered_name',
    ])
    .orderBy('d.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    taskNumber: r.number,
    taskContent: r.task_content,
    year: r.year,
    unit: r.unit_id ? { id: r.unit_id, code: r.unit_code!, name: r.unit_name! } : null,
    village: r.village_id ? { id: r.village_id, name: r.village_name ?? '' } : null,
    author: { id: r.author_id ?? '', fullName: r.author_name ?? '' },
    content: r.content,
    answer: r.answer,
    answeredBy: r.answered_by ? { id: r.answered_by, fullName: r.answered_name ?? '' } : null,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * The village a village head reports for: his own, in the task's commune (any task of the plan:
 * the plan asks the villages to raise what holds them back). Null for anyone else; a village head
 * whom no village is linked to is refused with the reason.
 */
async function reportingVillage(ctx: RequestContext, task: { commune_id: string }) {
  const actor = ctx.actor!;
  if (!actor.roles.includes('village') || actor.communeId !== task.commune_id) return null;
  const villageId = await headedVillage(ctx.db, task.commune_id, actor.userId);
  if (!villageId && !isCoordinator(actor) && !actor.unitId)
    throw forbidden(
      'Tài khoản trưởng thôn chưa được gắn với thôn nào; quản trị hệ thống gắn thôn ở mục Người dùng → Thôn phụ trách.',
    );
  return villageId;
}

export async function reportDifficulty(
  ctx: RequestContext,
  input: { taskId: string; year: number; content: string },
) {
  const actor = ctx.actor!;
  const { task } = await taskForOccurrence(ctx, input.taskId, input.year);
  const villageId = await reportingVillage(ctx, task);
  if (!villageId && !isCoordinator(actor) && !inTask(actor, task)) {
    throw forbidden(
      'Chỉ đơn vị chủ trì, đơn vị phối hợp, trưởng thôn hoặc Phòng Văn hóa - Xã hội được báo vướng mắc cho nhiệm vụ này.',
    );
  }
  // a village reports as itself, a unit as itself: one reporter
  const unitId = villageId ? null : actor.unitId;
  const row = await audited(ctx, async (trx) => {
    const d = await trx
      .insertInto('difficulties')
      .values({
        commune_id: task.commune_id,
        task_id: task.id,
        year: input.year,
        unit_id: unitId,
        village_id: villageId,
        author_id: actor.userId,
        content: input.content,
        answer: null,
        answered_by: null,
        answered_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // the same difficulty waits in the feedback queue, internal, with its deadline
    await queueDifficulty(trx, {
      communeId: task.commune_id,
      difficultyId: d.id,
      unitId,
      villageId,
      content: input.content,
      actorId: actor.userId,
      at: new Date(d.created_at),
    });
    return {
      result: d,
      audit: {
        action: 'difficulties.report',
        entityType: 'difficulty',
        entityId: d.id,
        communeId: task.commune_id,
        after: d,
      },
    };
  });
  return (await listDifficulties(ctx, { communeId: task.commune_id, year: input.year })).find(
    (d) => d.id === row.id,
  )!;
}

export async function answerDifficulty(ctx: RequestContext, id: string, answer: string) {
  const actor = ctx.actor!;
  const before = await ctx.db
    .selectFrom('difficulties')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, actor))
    .executeTakeFirst();
  if (!before) throw notFound('Vướng mắc');
  await audited(ctx, async (trx) => {
    const at = new Date();
    const after = await trx
      .updateTable('difficulties')
      .set({ answer, answered_by: actor.userId, answered_at: at })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await answerQueuedDifficulty(trx, {
      communeId: before.commune_id,
      difficultyId: id,
      answer,
      actorId: actor.userId,
      at,
    });
    return {
      result: after,
      audit: {
        action: 'difficulties.answer',
        entityType: 'difficulty',
        entityId: id,
        communeId: before.commune_id,
        before,
        after,
      },
    };
  });
  return (await listDifficulties(ctx, { communeId: before.commune_id, year: before.year })).find(
    (d) => d.id === id,
  )!;
}
