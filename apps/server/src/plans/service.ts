import {
  can,
  daysLeft,
  type OccurrenceStatus,
  occurrenceStatus,
  parseIsoDate,
  type Schedule,
  scheduleProblem,
  taskOccurrenceIn,
  vietnamDate,
} from '@cqtt/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import { audited } from '../audit/service.ts';
import type { DB, PlansTable, PlanTasksTable } from '../db/schema.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';
import * as store from './store.ts';

type PlanRow = Selectable<PlansTable>;
type TaskRow = Selectable<PlanTasksTable>;
type UnitRef = { id: string; code: string; name: string };

export function planSummaryView(
  p: Pick<PlanRow, 'id' | 'number' | 'title' | 'period_from' | 'period_to' | 'issued_on'>,
) {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    periodFrom: p.period_from,
    periodTo: p.period_to,
    issuedOn: p.issued_on,
  };
}

function unitMap(units: UnitRef[]) {
  const byId = new Map(units.map((u) => [u.id, { id: u.id, code: u.code, name: u.name }]));
  return (id: string) => byId.get(id) ?? { id, code: '', name: '' };
}

export function taskView(t: TaskRow, unit: (id: string) => UnitRef) {
  return {
    id: t.id,
    planId: t.plan_id,
    number: t.number,
    content: t.content,
    schedule: t.schedule,
    scheduleText: t.schedule_text,
    leadUnit: unit(t.lead_unit_id),
    coordinatingUnits: t.coordinating_unit_ids.map(unit),
    coordinatingText: t.coordinating_text,
    addedOn: t.added_on,
    isActive: t.is_active,
  };
}

export function planView(p: PlanRow, tasks: TaskRow[], unit: (id: string) => UnitRef) {
  return {
    ...planSummaryView(p),
    communeId: p.commune_id,
    issuedPlace: p.issued_place,
    legalBases: p.legal_bases,
    purpose: p.purpose,
    requirements: p.requirements,
    objectives: p.objectives,
    content: p.content,
    funding: p.funding,
    organization: p.organization,
    targets: p.targets,
    signerTitle: p.signer_title,
    signerName: p.signer_name,
    recipients: p.recipients,
    tasks: tasks.map((t) => taskView(t, unit)),
  };
}

export async function loadPlan(ctx: RequestContext, id: string) {
  const plan = await store.findPlan(ctx.db, ctx.actor!, id);
  if (!plan) throw notFound('Kế hoạch');
  const [tasks, units] = await Promise.all([
    store.tasksOfPlan(ctx.db, plan.commune_id, plan.id),
    store.unitsOf(ctx.db, plan.commune_id),
  ]);
  return { plan, tasks, unit: unitMap(units) };
}

export function today(): string {
  return vietnamDate(new Date());
}

/** Each task's occurrence in the year, with its state, as the console lists them. */
export async function occurrences(
  db: Kysely<DB>,
  communeId: string,
  tasks: Array<TaskRow & { period_from: number; period_to: number | null }>,
  year: number,
  now: string,
) {
  const units = unitMap(await store.unitsOf(db, communeId));
  const facts = await store.yearFacts(
    db,
    communeId,
    tasks.map((t) => t.id),
    year,
  );
  const state = new Map(facts.states.map((s) => [s.task_id, s]));
  const notes = new Map(facts.notes.map((n) => [n.task_id, n.n]));
  const open = new Map(facts.difficulties.map((d) => [d.task_id, d.n]));
  const list = [];
  for (const task of tasks) {
    if (!task.is_active) continue;
    const occurrence = taskOccurrenceIn(
      task.schedule,
      year,
      { fromYear: task.period_from, toYear: task.period_to },
      task.added_on,
    );
    if (!occurrence) continue;
    const s = state.get(task.id);
    const progress = s?.progress ?? 0;
    const completedOn = s?.completed_on ?? null;
    list.push({
      taskId: task.id,
      planId: task.plan_id,
      taskNumber: task.number,
      content: task.content,
      scheduleText: task.schedule_text,
      year,
      opensOn: occurrence.opensOn,
      dueDate: occurrence.dueDate,
      leadUnit: units(task.lead_unit_id),
      coordinatingUnits: task.coordinating_unit_ids.map(units),
      coordinatingText: task.coordinating_text,
      status: occurrenceStatus(
        { dueDate: occurrence.dueDate, completedOn, progress },
        now,
      ) as OccurrenceStatus,
      progress,
      completedOn,
      daysLeft: completedOn ? null : daysLeft(occurrence.dueDate, now),
      noteCount: notes.get(task.id) ?? 0,
      openDifficulties: open.get(task.id) ?? 0,
    });
  }
  return list.sort(
    (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.taskNumber - b.taskNumber,
  );
}

export async function planOccurrences(ctx: RequestContext, planId: string, year: number) {
  const plan = await store.findPlan(ctx.db, ctx.actor!, planId);
  if (!plan) throw notFound('Kế hoạch');
  const tasks = (await store.tasksOfPlan(ctx.db, plan.commune_id, plan.id)).map((t) => ({
    ...t,
    period_from: plan.period_from,
    period_to: plan.period_to,
  }));
  return occurrences(ctx.db, plan.commune_id, tasks, year, today());
}

/** Occurrences where the caller's unit leads or coordinates, across the commune's plans. */
export async function myOccurrences(ctx: RequestContext, year: number) {
  const actor = ctx.actor!;
  if (!actor.communeId || !actor.unitId) return [];
  const unitId = actor.unitId;
  const tasks = await ctx.db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', (j) =>
      j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
    )
    .selectAll('t')
    .select(['p.period_from', 'p.period_to'])
    .where('t.commune_id', '=', actor.communeId)
    .where((eb) =>
      eb.or([eb('t.lead_unit_id', '=', unitId), sql<boolean>`${unitId} = any(t.coordinating_unit_ids)`]),
    )
    .execute();
  return occurrences(ctx.db, actor.communeId, tasks, year, today());
}

export function summarize(list: Awaited<ReturnType<typeof occurrences>>, year: number) {
  const blank = () => ({ total: 0, done: 0, doneOnTime: 0, overdue: 0, inProgress: 0, notStarted: 0 });
  const byUnit = new Map<string, { unit: UnitRef } & ReturnType<typeof blank>>();
  const totals = blank();
  for (const o of list) {
    const row = byUnit.get(o.leadUnit.id) ?? { unit: o.leadUnit, ...blank() };
    for (const target of [row, totals]) {
      target.total++;
      if (o.status === 'done') {
        target.done++;
        if (o.dueDate === null || (o.completedOn !== null && o.completedOn <= o.dueDate)) target.doneOnTime++;
      } else if (o.status === 'overdue') target.overdue++;
      else if (o.status === 'in_progress') target.inProgress++;
      else target.notStarted++;
    }
    byUnit.set(o.leadUnit.id, row);
  }
  return {
    year,
    units: [...byUnit.values()].sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi')),
    totals,
  };
}

// Writes

export interface PlanInput {
  communeId?: string;
  number?: string;
  title?: string;
  issuedPlace?: string;
  issuedOn?: string | null;
  legalBases?: string[];
  purpose?: string;
  requirements?: string;
  objectives?: string;
  content?: string;
  funding?: string;
  organization?: string;
  targets?: Array<{ year: number; level: number }>;
  periodFrom?: number;
  periodTo?: number | null;
  signerTitle?: string;
  signerName?: string;
  recipients?: string[];
}

function planColumns(input: PlanInput) {
  const set = <T>(value: T | undefined, column: string) => (value === undefined ? {} : { [column]: value });
  return {
    ...set(input.number, 'number'),
    ...set(input.title, 'title'),
    ...set(input.issuedPlace, 'issued_place'),
    ...set(input.issuedOn, 'issued_on'),
    ...set(input.legalBases, 'legal_bases'),
    ...set(input.purpose, 'purpose'),
    ...set(input.requirements, 'requirements'),
    ...set(input.objectives, 'objectives'),
    ...set(input.content, 'content'),
    ...set(input.funding, 'funding'),
    ...set(input.organization, 'organization'),
    ...set(input.targets === undefined ? undefined : JSON.stringify(input.targets), 'targets'),
    ...set(input.periodFrom, 'period_from'),
    ...set(input.periodTo, 'period_to'),
    ...set(input.signerTitle, 'signer_title'),
    ...set(input.signerName, 'signer_name'),
    ...set(input.recipients, 'recipients'),
  };
}

function checkPeriod(from: number, to: number | null, targets: Array<{ year: number }>) {
  if (to !== null && to < from) {
    const message = 'Năm kết thúc phải từ năm bắt đầu trở đi.';
    throw badRequest(message, [{ path: 'periodTo', message }]);
  }
  const outside = targets.find((t) => t.year < from || (to !== null && t.year > to));
  if (outside) {
    const message = `Năm ${outside.year} của mục tiêu nằm ngoài giai đoạn của kế hoạch.`;
    throw badRequest(message, [{ path: 'targets', message }]);
  }
  if (new Set(targets.map((t) => t.year)).size !== targets.length) {
    const message = 'Mỗi năm chỉ có một mức mục tiêu.';
    throw badRequest(message, [{ path: 'targets', message }]);
  }
}

export async function createPlan(
  ctx: RequestContext,
  input: PlanInput & { title: string; periodFrom: number },
) {
  const communeId = await resolveCommuneId(ctx.db, ctx.actor!, input.communeId);
  checkPeriod(input.periodFrom, input.periodTo ?? null, input.targets ?? []);
  return audited(ctx, async (trx) => {
    const plan = await trx
      .insertInto('plans')
      .values({
        commune_id: communeId,
        ...(planColumns(input) as { title: string; period_from: number }),
        created_by: ctx.actor!.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const units = unitMap(await store.unitsOf(trx, communeId));
    return {
      result: planView(plan, [], units),
      audit: { action: 'plans.create', entityType: 'plan', entityId: plan.id, communeId, after: plan },
    };
  });
}

export async function updatePlan(ctx: RequestContext, id: string, input: PlanInput) {
  const before = await store.findPlan(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Kế hoạch');
  const from = input.periodFrom ?? before.period_from;
  const to = input.periodTo === undefined ? before.period_to : input.periodTo;
  checkPeriod(from, to, input.targets ?? before.targets);
  return audited(ctx, async (trx) => {
    const plan = await trx
      .updateTable('plans')
      .set({ ...planColumns(input), updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const [tasks, units] = await Promise.all([
      store.tasksOfPlan(trx, plan.commune_id, plan.id),
      store.unitsOf(trx, plan.commune_id),
    ]);
    return {
      result: planView(plan, tasks, unitMap(units)),
      audit: {
        action: 'plans.update',
        entityType: 'plan',
        entityId: id,
        communeId: plan.commune_id,
        before,
        after: plan,
      },
    };
  });
}

export interface TaskInput {
  planId?: string;
  number?: number;
  content?: string;
  schedule?: Schedule;
  scheduleText?: string;
  leadUnitId?: string;
  coordinatingUnitIds?: string[];
  coordinatingText?: string;
  addedOn?: string;
  isActive?: boolean;
}

async function checkTask(
  ctx: RequestContext,
  communeId: string,
  plan: { period_from: number; period_to: number | null },
  input: TaskInput,
) {
  if (input.schedule) {
    const problem = scheduleProblem(input.schedule);
    if (problem) throw badRequest(problem, [{ path: 'schedule', message: problem }]);
    if (input.schedule.kind === 'once') {
      const year = Number(input.schedule.date.slice(0, 4));
      if (year < plan.period_from || (plan.period_to !== null && year > plan.period_to)) {
        const message = `Ngày thực hiện nằm ngoài giai đoạn ${plan.period_from}-${plan.period_to ?? '…'} của kế hoạch.`;
        throw badRequest(message, [{ path: 'schedule', message }]);
      }
    }
  }
  if (input.addedOn !== undefined && !parseIsoDate(input.addedOn)) {
    const message = `Ngày ${input.addedOn} không có trong lịch.`;
    throw badRequest(message, [{ path: 'addedOn', message }]);
  }
  const unitIds = [...(input.leadUnitId ? [input.leadUnitId] : []), ...(input.coordinatingUnitIds ?? [])];
  if (unitIds.length > 0) {
    const found = await ctx.db
      .selectFrom('units')
      .select('id')
      .where('commune_id', '=', communeId)
      .where('id', 'in', unitIds)
      .execute();
    const known = new Set(found.map((u) => u.id));
    const missing = unitIds.find((id) => !known.has(id));
    if (missing) {
      const path = missing === input.leadUnitId ? 'leadUnitId' : 'coordinatingUnitIds';
      const message = 'Đơn vị không thuộc xã, phường, đặc khu của kế hoạch.';
      throw badRequest(message, [{ path, message }]);
    }
  }
}

function taskColumns(input: TaskInput) {
  const set = <T>(value: T | undefined, column: string) => (value === undefined ? {} : { [column]: value });
  return {
    ...set(input.number, 'number'),
    ...set(input.content, 'content'),
    ...set(input.schedule === undefined ? undefined : JSON.stringify(input.schedule), 'schedule'),
    ...set(input.scheduleText, 'schedule_text'),
    ...set(input.leadUnitId, 'lead_unit_id'),
    ...set(input.coordinatingUnitIds, 'coordinating_unit_ids'),
    ...set(input.coordinatingText, 'coordinating_text'),
    ...set(input.addedOn, 'added_on'),
    ...set(input.isActive, 'is_active'),
  };
}

export async function createTask(
  ctx: RequestContext,
  input: TaskInput & {
    planId: string;
    number: number;
    content: string;
    schedule: Schedule;
    leadUnitId: string;
  },
  describe: (s: Schedule) => string,
) {
  const plan = await store.findPlan(ctx.db, ctx.actor!, input.planId);
  if (!plan) throw notFound('Kế hoạch');
  await checkTask(ctx, plan.commune_id, plan, input);
  return audited(ctx, async (trx) => {
    const task = await trx
      .insertInto('plan_tasks')
      .values({
        commune_id: plan.commune_id,
        plan_id: plan.id,
        ...(taskColumns(input) as {
          number: number;
          content: string;
          schedule: string;
          lead_unit_id: string;
        }),
        schedule_text: input.scheduleText || describe(input.schedule),
        added_on: input.addedOn ?? today(),
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: taskView(task, unitMap(await store.unitsOf(trx, plan.commune_id))),
      audit: {
        action: 'tasks.create',
        entityType: 'task',
        entityId: task.id,
        communeId: plan.commune_id,
        after: task,
      },
    };
  });
}

export async function updateTask(ctx: RequestContext, id: string, input: TaskInput) {
  const before = await store.findTask(ctx.db, ctx.actor!, id);
  if (!before) throw notFound('Nhiệm vụ');
  await checkTask(ctx, before.commune_id, before, input);
  return audited(ctx, async (trx) => {
    const { period_from: _f, period_to: _t, ...beforeRow } = before;
    const task = await trx
      .updateTable('plan_tasks')
      .set({ ...taskColumns(input), updated_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: taskView(task, unitMap(await store.unitsOf(trx, task.commune_id))),
      audit: {
        action: 'tasks.update',
        entityType: 'task',
        entityId: id,
        communeId: task.commune_id,
        before: beforeRow,
        after: task,
      },
    };
  });
}

type TaskWithPeriod = NonNullable<Awaited<ReturnType<typeof store.findTask>>>;

function isCoordinator(actor: Actor) {
  return can(actor.roles, 'plans.manage');
}
function inTask(actor: Actor, task: TaskWithPeriod) {
  return (
    actor.communeId === task.commune_id &&
    actor.unitId !== null &&
    (actor.unitId === task.lead_unit_id || task.coordinating_unit_ids.includes(actor.unitId))
  );
}

async function taskForOccurrence(ctx: RequestContext, id: string, year: number) {
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
  const lead = actor.communeId === task.commune_id && actor.unitId === task.lead_unit_id;
  if (!isCoordinator(actor) && !lead) {
    throw forbidden('Chỉ đơn vị chủ trì hoặc Phòng Văn hóa - Xã hội được đánh dấu hoàn thành nhiệm vụ này.');
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

// Difficulties (vướng mắc, khó khăn)

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
    author: { id: r.author_id ?? '', fullName: r.author_name ?? '' },
    content: r.content,
    answer: r.answer,
    answeredBy: r.answered_by ? { id: r.answered_by, fullName: r.answered_name ?? '' } : null,
    answeredAt: r.answered_at ? new Date(r.answered_at).toISOString() : null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export async function reportDifficulty(
  ctx: RequestContext,
  input: { taskId: string; year: number; content: string },
) {
  const actor = ctx.actor!;
  const { task } = await taskForOccurrence(ctx, input.taskId, input.year);
  if (!isCoordinator(actor) && !inTask(actor, task)) {
    throw forbidden(
      'Chỉ đơn vị chủ trì, đơn vị phối hợp hoặc Phòng Văn hóa - Xã hội được báo vướng mắc cho nhiệm vụ này.',
    );
  }
  const row = await audited(ctx, async (trx) => {
    const d = await trx
      .insertInto('difficulties')
      .values({
        commune_id: task.commune_id,
        task_id: task.id,
        year: input.year,
        unit_id: actor.unitId,
        author_id: actor.userId,
        content: input.content,
        answer: null,
        answered_by: null,
        answered_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
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
    const after = await trx
      .updateTable('difficulties')
      .set({ answer, answered_by: actor.userId, answered_at: new Date() })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
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
