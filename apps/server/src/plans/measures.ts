import { defineMeasure, mapCells } from '../measures/registry.ts';
import { taskFigures } from './figures.ts';

/**
 * plans.tasksOnTimeShare: of this year's task occurrences due up to today, the share
 * done by their due date. Occurrences without a due date (continuous work) and those
 * not yet due are not counted; nothing due yet measures nothing (null).
 */
export const tasksOnTimeShare = defineMeasure({
  key: 'plans.tasksOnTimeShare',
  name: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn trong năm',
  kind: 'ratio',
  async computeSet(db, scope) {
    return mapCells(await taskFigures(db, scope), (t) => ({
      value: t.onTimeShare,
      figures: [
        { label: 'Nhiệm vụ đến hạn tính đến hôm nay', value: t.due },
        { label: 'Hoàn thành đúng hạn', value: t.onTime },
        { label: 'Ngày tính', value: scope.today },
      ],
    }));
  },
});

export const planMeasures = [tasksOnTimeShare];
