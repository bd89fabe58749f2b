import { ALL_UNITS_LEAD_SHORT, occurrenceStatus, taskOccurrenceIn, vietnamDate } from '@cqtt/domain';
import { notFound } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { cellKey } from '../measures/registry.ts';
import { roundsView } from './appraisal-rounds.ts';
import { communeYears } from './commune-years.ts';
import * as store from './store.ts';

const PLAN_YEARS = [2026, 2027, 2028, 2029, 2030];

/**
 * A commune as the city reads it (no change possible here): its objectives 2026-2030 against what
 * it registered, reached and was recognised, the year's figures (the same as the side-by-side
 * view), the year's plan tasks and the rounds of its file.
 */
export async function communePage(ctx: RequestContext, id: string, year?: number) {
  const today = vietnamDate(new Date());
  const y = year ?? Number(today.slice(0, 4));
  const c = await store.findCommuneInView(ctx.db, ctx.actor!, id);
  if (!c) throw notFound('Xã, phường, đặc khu');
  const years = [...new Set([...PLAN_YEARS, y])].sort();
  const [cells, plans, tasks] = await Promise.all([
    communeYears(ctx.db, { communeIds: [c.id], years, today }),
    store.planTargets(ctx.db, [c.id]),
    ctx.db
      .selectFrom('plan_tasks as t')
      .innerJoin('plans as p', (j) =>
        j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
      )
      .leftJoin('units as u', (j) =>
        j.onRef('u.commune_id', '=', 't.commune_id').onRef('u.id', '=', 't.lead_unit_id'),
      )
      .leftJoin('task_years as s', (j) =>
        j.onRef('s.commune_id', '=', 't.commune_id').onRef('s.task_id', '=', 't.id').on('s.year', '=', y),
      )
      .select([
        't.number',
        't.content',
        't.schedule',
        't.added_on',
        'p.period_from',
        'p.period_to',
        'u.name as unit_name',
        's.progress',
        's.completed_on',
      ])
      .where('t.commune_id', '=', c.id)
      .where('t.is_active', '=', true)
      .orderBy('t.number')
      .execute(),
  ]);
  const planLevel = new Map<number, number>();
  for (const p of plans) for (const t of p.targets) planLevel.set(t.year, t.level);
  const figures = cells.get(cellKey(c.id, y))!;
  return {
    communeId: c.id,
    communeCode: c.code,
    communeName: c.name,
    kind: c.kind,
    cityName: c.city_name,
    year: y,
    objectives: PLAN_YEARS.map((py) => {
      const f = cells.get(cellKey(c.id, py))!;
      return {
        year: py,
        planLevel: planLevel.get(py) ?? null,
        registeredLevel: f.registeredLevel,
        selfLevel: f.selfLevel,
        recognisedLevel: f.recognisedLevel,
        total: f.total,
      };
    }),
    figures,
    tasks: tasks.flatMap((t) => {
      const o = taskOccurrenceIn(t.schedule, y, { fromYear: t.period_from, toYear: t.period_to }, t.added_on);
      if (!o) return [];
      const completedOn = t.completed_on ?? null;
      return [
        {
          taskNumber: t.number,
          content: t.content,
          dueDate: o.dueDate,
          status: occurrenceStatus({ dueDate: o.dueDate, completedOn, progress: t.progress ?? 0 }, today),
          completedOn,
          leadUnit: t.unit_name ?? ALL_UNITS_LEAD_SHORT,
        },
      ];
    }),
    rounds: figures.assessmentId ? await roundsView(ctx.db, c.id, figures.assessmentId) : [],
  };
}
