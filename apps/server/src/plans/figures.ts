import { doneOnTime, occurrenceStatus, taskOccurrenceIn } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';
import { occurrences } from './occurrences.ts';

/** A commune's plan tasks of a year: occurrences due up to today, done on time, overdue now. */
export interface TaskCell {
  /** Occurrences of the year with a due date up to today. */
  due: number;
  onTime: number;
  /** Due, not done, past the due date today. */
  overdue: number;
  /** onTime / due; null when nothing is due yet. */
  onTimeShare: number | null;
}

/**
 * The task figures of every commune and year of the scope, from two queries (the tasks of the
 * communes' plans, and their yearly states) and the domain's schedule rules: the measure
 * plans.tasksOnTimeShare (what the commune's assessment proposes a score from) and the city's view.
 * Occurrences without a due date (continuous work) and those not yet due are not counted.
 */
export async function taskFigures(db: Kysely<DB>, scope: FigureScope): Promise<Cells<TaskCell>> {
  const ids = [...scope.communeIds];
  const [tasks, states] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('plan_tasks as t')
            .innerJoin('plans as p', (j) =>
              j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
            )
            .selectAll('t')
            .select(['p.period_from', 'p.period_to'])
            .where('t.commune_id', 'in', ids)
            .where('t.is_active', '=', true)
            .execute(),
          db
            .selectFrom('task_years')
            .select(['commune_id', 'task_id', 'year', 'progress', 'completed_on', 'override_state'])
            .where('commune_id', 'in', ids)
            .where('year', 'in', [...scope.years])
            .execute(),
        ]);
  const state = new Map(states.map((s) => [`${s.task_id}|${s.year}`, s]));
  const cells = cellsOf(scope, (): TaskCell => ({ due: 0, onTime: 0, overdue: 0, onTimeShare: null }));
  // A task carried by the work that fulfils it, or a state the coordinator overrode, is read as
  // the commune's own pages read it (occurrences.ts: the same rule, the same facts); the other
  // tasks, most of them in a city, from the two queries above.
  const derived = new Set<string>();
  for (const t of tasks) if (t.fulfilment) for (const y of scope.years) derived.add(cellKey(t.commune_id, y));
  for (const s of states) if (s.override_state) derived.add(cellKey(s.commune_id, s.year));
  for (const key of derived) {
    const [communeId, y] = [key.slice(0, key.lastIndexOf('|')), Number(key.slice(key.lastIndexOf('|') + 1))];
    const list = await occurrences(
      db,
      communeId,
      tasks.filter((t) => t.commune_id === communeId),
      y,
      scope.today,
    );
    const cell = cells.get(key)!;
    for (const o of list) {
      if (o.dueDate === null || o.dueDate > scope.today) continue;
      cell.due++;
      if (doneOnTime({ dueDate: o.dueDate, completedOn: o.completedOn, progress: o.progress })) cell.onTime++;
      if (o.status === 'overdue') cell.overdue++;
    }
  }
  for (const task of tasks) {
    for (const year of scope.years) {
      if (derived.has(cellKey(task.commune_id, year))) continue;
      const o = taskOccurrenceIn(
        task.schedule,
        year,
        { fromYear: task.period_from, toYear: task.period_to },
        task.added_on,
      );
      if (!o || o.dueDate === null || o.dueDate > scope.today) continue;
      const s = state.get(`${task.id}|${year}`);
      const occurrence = {
        dueDate: o.dueDate,
        completedOn: s?.completed_on ?? null,
        progress: s?.progress ?? 0,
      };
      const cell = cells.get(cellKey(task.commune_id, year))!;
      cell.due++;
      if (doneOnTime(occurrence)) cell.onTime++;
      if (occurrenceStatus(occurrence, scope.today) === 'overdue') cell.overdue++;
    }
  }
  for (const cell of cells.values()) cell.onTimeShare = cell.due === 0 ? null : cell.onTime / cell.due;
  return cells;
}
