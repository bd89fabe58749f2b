import { cultureTitleShare } from '@cqtt/domain';
import type { MeasureDefinition } from '../measures/registry.ts';
import { activeVillages, recognisedVillages } from './store.ts';

/** villages.cultureTitleShare: villages recognised "Thôn văn hóa" in the year over active villages. */
export const villageMeasures: MeasureDefinition[] = [
  {
    key: 'villages.cultureTitleShare',
    name: 'Tỷ lệ thôn đạt danh hiệu “Thôn văn hóa” trong năm',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const [active, recognised] = await Promise.all([
        activeVillages(db, communeId),
        recognisedVillages(db, communeId, year, new Date(`${today}T23:59:59+07:00`)),
      ]);
      return {
        value: cultureTitleShare(active, recognised),
        figures: [
          { label: 'Thôn đang hoạt động', value: active },
          { label: 'Thôn đạt “Thôn văn hóa”', value: recognised },
        ],
      };
    },
  },
];
