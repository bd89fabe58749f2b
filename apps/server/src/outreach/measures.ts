import type { MeasureDefinition } from '../measures/registry.ts';
import { coverageOf } from './activities.ts';

/** outreach.activities (count of the year's activities so far) and outreach.villagesCovered (ratio). */
export const outreachMeasures: MeasureDefinition[] = [
  {
    key: 'outreach.activities',
    name: 'Số hoạt động tuyên truyền trong năm',
    kind: 'count',
    async compute(db, { communeId, year, today }) {
      const c = await coverageOf(db, communeId, year, today);
      return {
        value: c.activities,
        figures: [
          { label: 'Hoạt động tuyên truyền', value: c.activities },
          { label: 'Lượt người tham dự', value: c.audience },
        ],
      };
    },
  },
  {
    key: 'outreach.villagesCovered',
    name: 'Tỷ lệ thôn có hoạt động tuyên truyền trong năm',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const c = await coverageOf(db, communeId, year, today);
      return {
        value: c.share,
        figures: [
          { label: 'Thôn đang hoạt động', value: c.activeVillages },
          { label: 'Thôn có hoạt động tuyên truyền', value: c.coveredVillages },
        ],
      };
    },
  },
];
