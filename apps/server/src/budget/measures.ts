import { defineMeasure, mapCells } from '../measures/registry.ts';
import { budgetFigures } from './figures.ts';

/** budget.spentShare: what was spent up to today over what the leader approved for the year. */
export const budgetMeasures = [
  defineMeasure({
    key: 'budget.spentShare',
    name: 'Tỷ lệ kinh phí đã chi so với dự toán được duyệt',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await budgetFigures(db, scope), (b) =>
        b.status !== 'approved'
          ? { value: null, figures: [{ label: 'Dự toán được duyệt', value: 'chưa có' }] }
          : {
              value: b.spentShare,
              figures: [
                { label: 'Dự toán được duyệt (đồng)', value: b.approved },
                { label: 'Đã chi (đồng)', value: b.spent },
              ],
            },
      );
    },
  }),
];
