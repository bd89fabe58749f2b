import { defineMeasure, mapCells } from '../measures/registry.ts';
import { outreachFigures } from './figures.ts';

/** outreach.activities (count of the year's activities so far) and outreach.villagesCovered (ratio). */
export const outreachMeasures = [
  defineMeasure({
    key: 'outreach.activities',
    name: 'Số hoạt động tuyên truyền trong năm',
    kind: 'count',
    async computeSet(db, scope) {
      return mapCells(await outreachFigures(db, scope), (c) => ({
        value: c.activities,
        figures: [
          { label: 'Hoạt động tuyên truyền', value: c.activities },
          { label: 'Lượt người tham dự', value: c.audience },
        ],
      }));
    },
  }),
  defineMeasure({
    key: 'outreach.villagesCovered',
    name: 'Tỷ lệ thôn có hoạt động tuyên truyền trong năm',
    kind: 'ratio',
    async computeSet(db, scope) {
      return mapCells(await outreachFigures(db, scope), (c) => ({
        value: c.villageShare,
        figures: [
          { label: 'Thôn đang hoạt động', value: c.activeVillages },
          { label: 'Thôn có hoạt động tuyên truyền', value: c.coveredVillages },
        ],
      }));
    },
  }),
];
