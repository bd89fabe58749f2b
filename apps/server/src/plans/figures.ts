import { doneOnTime, taskOccurrenceIn } from '@cqtt/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';
import { workFactsFor } from './fulfilment.ts';
import { deriveTaskYear, taskYearKey, taskYearStates } from './task-states.ts';

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
 * communes' plans, and their yearly states), one read per kind of linked work, and the domain's
 * schedule and fulfilment rules: the measure
 * plans.tasksOnTimeShare (what the commune's assessment proposes a score from) and the city's view.
 * Occurrences without a due date (continuous work) and those not yet due are not counted.
 */
export async function taskFigures(db: Kysely<DB>, scope: FigureScope): Promise<Cells<TaskCell>> {
  const ids = [...scope.communeIds];
  const [tasks, state] =
    ids.length === 0
      ? [[], new Map()]
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
          taskYearStates(db, ids, scope.years),
        ]);
  const cells = cellsOf(scope, (): TaskCell => ({ due: 0, onTime: 0, overdue: 0, onTimeShare: null }));
  // A task carried by the work that fulfils it reads that work's facts for the whole scope at once
  // (plans/fulfilment.ts workFactsFor: one read per kind, whatever the number of communes), and
  // every occurrence goes through the domain rule the commune's own pages use (occurrences.ts).
  const linked = tasks.filter((t) => t.fulfilment);
  const work = await workFactsFor(
    db,
    { ...scope, communeIds: [...new Set(linked.map((t) => t.commune_id))] },
    linked.map((t) => t.fulfilment),
  );
  for (const task of tasks) {
    for (const year of scope.years) {
      const o = taskOccurrenceIn(
        task.schedule,
        year,
        { fromYear: task.period_from, toYear: task.period_to },
        task.added_on,
      );
      if (!o || o.dueDate === null || o.dueDate > scope.today) continue;
      const derived = deriveTaskYear(
        task.fulfilment,
        o.dueDate,
        state.get(taskYearKey(task.id, year)),
        work.get(cellKey(task.commune_id, year)),
        scope.today,
      );
      const cell = cells.get(cellKey(task.commune_id, year))!;
      cell.due++;
      if (doneOnTime({ dueDate: o.dueDate, completedOn: derived.completedOn, progress: derived.progress }))
        cell.onTime++;
      if (derived.status === 'overdue') cell.overdue++;
    }
  }
  for (const cell of cells.values()) cell.onTimeShare = cell.due === 0 ? null : cell.onTime / cell.due;
  return cells;
}
