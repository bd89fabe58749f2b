import { daysLeft, FULFILMENT_LABELS, fulfilmentText, taskOccurrenceIn, vietnamDate } from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { workFacts } from './fulfilment.ts';
import * as store from './store.ts';
import { deriveTaskYear } from './task-states.ts';
import { leadView, type TaskRow, type UnitRef, unitMap } from './views.ts';

/** A task's yearly occurrences: computed from its schedule, joined with what happened. */
export function today(): string {
  return vietnamDate(new Date());
}

/**
 * Each task's occurrence in the year, with its state, as the console lists them: what was
 * recorded by hand, the coordinator's override, and the facts of the work the task names
 * (plans/fulfilment.ts), combined by the domain rule deriveOccurrence. Every list, count,
 * measure, export and reminder of occurrences goes through here.
 */
export async function occurrences(
  db: Kysely<DB>,
  communeId: string,
  tasks: Array<TaskRow & { period_from: number; period_to: number | null }>,
  year: number,
  now: string,
) {
  const live = tasks.filter((t) => t.is_active);
  const [units, facts, work] = await Promise.all([
    store.unitsOf(db, communeId).then(unitMap),
    store.yearFacts(
      db,
      communeId,
      live.map((t) => t.id),
      year,
    ),
    workFacts(
      db,
      communeId,
      year,
      now,
      live.map((t) => t.fulfilment),
    ),
  ]);
  const state = new Map(facts.states.map((s) => [s.task_id, s]));
  const notes = new Map(facts.notes.map((n) => [n.task_id, n.n]));
  const open = new Map(facts.difficulties.map((d) => [d.task_id, d.n]));
  const users = new Map(facts.overriders.map((u) => [u.id, u.full_name]));
  const list = [];
  for (const task of live) {
    const occurrence = taskOccurrenceIn(
      task.schedule,
      year,
      { fromYear: task.period_from, toYear: task.period_to },
      task.added_on,
    );
    if (!occurrence) continue;
    const s = state.get(task.id);
    const override =
      s?.override_state && s.override_reason
        ? { state: s.override_state, on: s.override_on, reason: s.override_reason }
        : null;
    const derived = deriveTaskYear(task.fulfilment, occurrence.dueDate, s, work, now);
    list.push({
      taskId: task.id,
      planId: task.plan_id,
      taskNumber: task.number,
      content: task.content,
      scheduleText: task.schedule_text,
      year,
      opensOn: occurrence.opensOn,
      dueDate: occurrence.dueDate,
      ...leadView(task, units),
      coordinatingUnits: task.coordinating_unit_ids.map(units),
      coordinatingText: task.coordinating_text,
      status: derived.status,
      progress: derived.progress,
      completedOn: derived.completedOn,
      daysLeft: derived.completedOn ? null : daysLeft(occurrence.dueDate, now),
      noteCount: notes.get(task.id) ?? 0,
      openDifficulties: open.get(task.id) ?? 0,
      fulfilment: task.fulfilment
        ? { kind: task.fulfilment, label: FULFILMENT_LABELS[task.fulfilment] }
        : null,
      fulfilledBy: derived.fulfilledBy,
      fulfilledText: derived.fulfilledBy
        ? fulfilmentText(derived.fulfilledBy.kind, derived.fulfilledBy.at)
        : null,
      figures: derived.figures,
      source: derived.source,
      override: override
        ? {
            ...override,
            by: users.get(s?.override_by ?? '') ?? '',
            at: s?.override_at ? new Date(s.override_at).toISOString() : null,
          }
        : null,
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
      eb.or([
        eb('t.lead_unit_id', '=', unitId),
        eb('t.lead_all_units', '=', true),
        sql<boolean>`${unitId} = any(t.coordinating_unit_ids)`,
      ]),
    )
    .execute();
  return occurrences(ctx.db, actor.communeId, tasks, year, today());
}

export function summarize(list: Awaited<ReturnType<typeof occurrences>>, year: number) {
  const blank = () => ({ total: 0, done: 0, doneOnTime: 0, overdue: 0, inProgress: 0, notStarted: 0 });
  const byUnit = new Map<string, { unit: UnitRef } & ReturnType<typeof blank>>();
  const totals = blank();
  for (const o of list) {
    // a task every unit leads has its own row ('all', as the progress page filters it)
    const unit = o.leadUnit ?? { id: 'all', code: '', name: o.leadName };
    const row = byUnit.get(unit.id) ?? { unit, ...blank() };
    for (const target of [row, totals]) {
      target.total++;
      if (o.status === 'done') {
        target.done++;
        if (o.dueDate === null || (o.completedOn !== null && o.completedOn <= o.dueDate)) target.doneOnTime++;
      } else if (o.status === 'overdue') target.overdue++;
      else if (o.status === 'in_progress') target.inProgress++;
      else target.notStarted++;
    }
    byUnit.set(unit.id, row);
  }
  return {
    year,
    units: [...byUnit.values()].sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi')),
    totals,
  };
}

// Writes
