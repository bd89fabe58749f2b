import { can, FULFILMENT_LABELS, isEventFulfilment, overrideProblem, taskOccurrenceIn } from '@cqtt/domain';
import { audited } from '../audit/service.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { occurrences, today } from './occurrences.ts';
import * as store from './store.ts';

/** Progress notes with evidence, and completion of an occurrence. */
export type TaskWithPeriod = NonNullable<Awaited<ReturnType<typeof store.findTask>>>;

export function isCoordinator(actor: Actor) {
  return can(actor.roles, 'plans.manage');
}
export function inTask(actor: Actor, task: TaskWithPeriod) {
  return (
    actor.communeId === task.commune_id &&
    actor.unitId !== null &&
    (task.lead_all_units ||
      actor.unitId === task.lead_unit_id ||
      task.coordinating_unit_ids.includes(actor.unitId))
  );
}

export async function taskForOccurrence(ctx: RequestContext, id: string, year: number) {
  const task = await store.findTask(ctx.db, ctx.actor!, id);
  if (!task) throw notFound('Nhiệm vụ');
  const occurrence = taskOccurrenceIn(
    task.schedule,
    year,
    { fromYear: task.period_from, toYear: task.period_to },
    task.added_on,
  );
  if (!occurrence) {
    const message = `Nhiệm vụ số ${task.number} không có kỳ thực hiện trong năm ${year}.`;
    throw badRequest(message, [{ path: 'year', message }]);
  }
  return { task, occurrence };
}

async function occurrenceOf(ctx: RequestContext, task: TaskWithPeriod, year: number) {
  const [o] = await occurrences(ctx.db, task.commune_id, [task], year, today());
  return o!;
}

export async function listNotes(ctx: RequestContext, taskId: string, year: number) {
  const task = await store.findTask(ctx.db, ctx.actor!, taskId);
  if (!task) throw notFound('Nhiệm vụ');
  const rows = await ctx.db
    .selectFrom('progress_notes as n')
    .leftJoin('users as u', 'u.id', 'n.author_id')
    .leftJoin('units as un', (j) =>
      j.onRef('un.commune_id', '=', 'n.commune_id').onRef('un.id', '=', 'n.unit_id'),
    )
    .select([
      'n.id',
      'n.year',
      'n.note',
      'n.progress',
      'n.file_ids',
      'n.created_at',
      'n.author_id',
      'u.full_name',
      'un.id as unit_id',
      'un.code as unit_code',
      'un.name as unit_name',
    ])
    .where('n.commune_id', '=', task.commune_id)
    .where('n.task_id', '=', taskId)
    .where('n.year', '=', year)
    .orderBy('n.created_at', 'desc')
    .execute();
  const fileIds = [...new Set(rows.flatMap((r) => r.file_ids))];
  const files = fileIds.length
    ? await ctx.db
        .selectFrom('files')
        .select(['id', 'name', 'size', 'mime'])
        .where('commune_id', '=', task.commune_id)
        .where('id', 'in', fileIds)
        .execute()
    : [];
  const fileById = new Map(files.map((f) => [f.id, f]));
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    unit: r.unit_id ? { id: r.unit_id, code: r.unit_code!, name: r.unit_name! } : null,
    author: { id: r.author_id ?? '', fullName: r.full_name ?? '' },
    note: r.note,
    progress: r.progress,
    files: r.file_ids.flatMap((id) => (fileById.has(id) ? [fileById.get(id)!] : [])),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function addNote(
  ctx: RequestContext,
  taskId: string,
  input: { year: number; note: string; progress?: number; fileIds?: string[] },
) {
  const actor = ctx.actor!;
  const { task } = await taskForOccurrence(ctx, taskId, input.year);
  if (!isCoordinator(actor) && !inTask(actor, task)) {
    throw forbidden(
      'Chỉ đơn vị chủ trì, đơn vị phối hợp hoặc Phòng Văn hóa - Xã hội được báo cáo tiến độ nhiệm vụ này.',
    );
  }
  const fileIds = [...new Set(input.fileIds ?? [])];
  if (fileIds.length > 0) {
    const found = await ctx.db
      .selectFrom('files')
      .select('id')
      .where('commune_id', '=', task.commune_id)
      .where('id', 'in', fileIds)
      .execute();
    if (found.length !== fileIds.length) {
      const message = 'Có tệp minh chứng không tồn tại hoặc không thuộc xã này.';
      throw badRequest(message, [{ path: 'fileIds', message }]);
    }
  }
  const note = await audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('progress_notes')
      .values({
        commune_id: task.commune_id,
        task_id: task.id,
        year: input.year,
        unit_id: actor.communeId === task.commune_id ? actor.unitId : null,
        author_id: actor.userId,
        note: input.note,
        progress: input.progress ?? null,
        file_ids: fileIds,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.progress !== undefined) {
      await trx
        .insertInto('task_years')
        .values({
          commune_id: task.commune_id,
          task_id: task.id,
          year: input.year,
          progress: input.progress,
          completed_on: null,
          completed_by: null,
          updated_at: new Date(),
        })
        .onConflict((oc) =>
          oc
            .columns(['commune_id', 'task_id', 'year'])
            .doUpdateSet({ progress: input.progress!, updated_at: new Date() }),
        )
        .execute();
    }
    return {
      result: row,
      audit: {
        action: 'tasks.add_note',
        entityType: 'progress_note',
        entityId: row.id,
        communeId: task.commune_id,
        after: row,
      },
    };
  });
  return (await listNotes(ctx, taskId, input.year)).find((n) => n.id === note.id)!;
}

export async function setCompleted(
  ctx: RequestContext,
  taskId: string,
  year: number,
  completedOn: string | null,
) {
  const actor = ctx.actor!;
  const { task } = await taskForOccurrence(ctx, taskId, year);
  // a task every unit leads is the commune's: Phòng VH-XH completes it, not one unit for all
  const lead =
    actor.communeId === task.commune_id && actor.unitId !== null && actor.unitId === task.lead_unit_id;
  if (!isCoordinator(actor) && !lead) {
    throw forbidden(
      task.lead_all_units
        ? 'Nhiệm vụ do tất cả các đơn vị chủ trì: Phòng Văn hóa - Xã hội đánh dấu hoàn thành.'
        : 'Chỉ đơn vị chủ trì hoặc Phòng Văn hóa - Xã hội được đánh dấu hoàn thành nhiệm vụ này.',
    );
  }
  // work that happens on a day decides by itself; figures of the year are completed by hand
  if (task.fulfilment && isEventFulfilment(task.fulfilment)) {
    throw conflict(
      `Nhiệm vụ số ${task.number} hoàn thành theo công việc liên kết (${FULFILMENT_LABELS[task.fulfilment].toLocaleLowerCase('vi-VN')}); Phòng Văn hóa - Xã hội có thể ghi nhận thủ công kèm lý do.`,
    );
  }
  if (completedOn && completedOn > today()) {
    const message = 'Ngày hoàn thành không được sau ngày hôm nay.';
    throw badRequest(message, [{ path: 'completedOn', message }]);
  }
  const before = await ctx.db
    .selectFrom('task_years')
    .selectAll()
    .where('commune_id', '=', task.commune_id)
    .where('task_id', '=', task.id)
    .where('year', '=', year)
    .executeTakeFirst();
  await audited(ctx, async (trx) => {
    // Reopening goes back to the progress last reported, not a full bar.
    const lastReported = completedOn
      ? 100
      : ((
          await trx
            .selectFrom('progress_notes')
            .select('progress')
            .where('commune_id', '=', task.commune_id)
            .where('task_id', '=', task.id)
            .where('year', '=', year)
            .where('progress', 'is not', null)
            .orderBy('created_at', 'desc')
            .limit(1)
            .executeTakeFirst()
        )?.progress ?? 0);
    const values = completedOn
      ? { completed_on: completedOn, completed_by: actor.userId, progress: lastReported }
      : { completed_on: null, completed_by: null, progress: lastReported };
    const after = await trx
      .insertInto('task_years')
      .values({ commune_id: task.commune_id, task_id: task.id, year, ...values, updated_at: new Date() })
      .onConflict((oc) =>
        oc.columns(['commune_id', 'task_id', 'year']).doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: after,
      audit: {
        action: completedOn ? 'tasks.complete' : 'tasks.reopen',
        entityType: 'task_year',
        entityId: `${task.id}/${year}`,
        communeId: task.commune_id,
        before: before ?? null,
        after,
      },
    };
  });
  return occurrenceOf(ctx, task, year);
}

/**
 * The coordinator's override of a linked occurrence, with a reason: 'done' on a day (the work was
 * done outside cqtt), 'open' (the work happened but does not count), or 'auto' (follow the work
 * again). Audited before and after.
 */
export async function setOverride(
  ctx: RequestContext,
  taskId: string,
  input: { year: number; state: 'done' | 'open' | 'auto'; completedOn?: string; reason?: string },
) {
  const { task } = await taskForOccurrence(ctx, taskId, input.year);
  const problem = overrideProblem(
    { state: input.state, on: input.completedOn, reason: input.reason },
    today(),
  );
  if (problem) {
    const path = /lý do/.test(problem) ? 'reason' : 'completedOn';
    throw badRequest(problem, [{ path, message: problem }]);
  }
  const before = await ctx.db
    .selectFrom('task_years')
    .selectAll()
    .where('commune_id', '=', task.commune_id)
    .where('task_id', '=', task.id)
    .where('year', '=', input.year)
    .executeTakeFirst();
  const values =
    input.state === 'auto'
      ? {
          override_state: null,
          override_on: null,
          override_reason: null,
          override_by: null,
          override_at: null,
        }
      : {
          override_state: input.state,
          override_on: input.state === 'done' ? input.completedOn! : null,
          override_reason: input.reason!.trim(),
          override_by: ctx.actor!.userId,
          override_at: new Date(),
        };
  await audited(ctx, async (trx) => {
    const after = await trx
      .insertInto('task_years')
      .values({
        commune_id: task.commune_id,
        task_id: task.id,
        year: input.year,
        completed_on: null,
        completed_by: null,
        ...values,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc.columns(['commune_id', 'task_id', 'year']).doUpdateSet({ ...values, updated_at: new Date() }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: after,
      audit: {
        action: input.state === 'auto' ? 'tasks.override_clear' : `tasks.override_${input.state}`,
        entityType: 'task_year',
        entityId: `${task.id}/${input.year}`,
        communeId: task.commune_id,
        before: before ?? null,
        after,
      },
    };
  });
  return occurrenceOf(ctx, task, input.year);
}

// Difficulties (vướng mắc, khó khăn)
