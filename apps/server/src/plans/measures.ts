import { doneOnTime } from '@cqtt/domain';
import type { MeasureDefinition } from '../measures/registry.ts';
import { occurrences } from './occurrences.ts';

/**
 * plans.tasksOnTimeShare: of this year's task occurrences due up to today, the share
 * done by their due date. Occurrences without a due date (continuous work) and those
 * not yet due are not counted; nothing due yet measures nothing (null).
 */
export const tasksOnTimeShare: MeasureDefinition = {
  key: 'plans.tasksOnTimeShare',
  name: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn trong năm',
  kind: 'ratio',
  async compute(db, { communeId, year, today }) {
    const tasks = await db
      .selectFrom('plan_tasks as t')
      .innerJoin('plans as p', (j) =>
        j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
      )
      .selectAll('t')
      .select(['p.period_from', 'p.period_to'])
      .where('t.commune_id', '=', communeId)
      .execute();
    const list = await occurrences(db, communeId, tasks, year, today);
    const due = list.filter((o) => o.dueDate !== null && o.dueDate <= today);
    const onTime = due.filter((o) =>
      doneOnTime({ dueDate: o.dueDate, completedOn: o.completedOn, progress: o.progress }),
    ).length;
    return {
      value: due.length === 0 ? null : onTime / due.length,
      figures: [
        { label: 'Nhiệm vụ đến hạn tính đến hôm nay', value: due.length },
        { label: 'Hoàn thành đúng hạn', value: onTime },
        { label: 'Ngày tính', value: today },
      ],
    };
  },
};

export const planMeasures: readonly MeasureDefinition[] = [tasksOnTimeShare];
