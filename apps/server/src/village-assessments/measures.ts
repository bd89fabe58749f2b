import { cultureTitleShare } from '@cqtt/domain';
import type { MeasureDefinition } from '../measures/registry.ts';

/** villages.cultureTitleShare: villages recognised "Thôn văn hóa" in the year over active villages. */
export const villageMeasures: MeasureDefinition[] = [
  {
    key: 'villages.cultureTitleShare',
    name: 'Tỷ lệ thôn đạt danh hiệu “Thôn văn hóa” trong năm',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const [active, recognised] = await Promise.all([
        db
          .selectFrom('villages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('commune_id', '=', communeId)
          .where('is_active', '=', true)
          .executeTakeFirstOrThrow(),
        db
          .selectFrom('village_assessments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('commune_id', '=', communeId)
          .where('year', '=', year)
          .where('title_achieved', '=', true)
          .where('reviewed_at', '<=', new Date(`${today}T23:59:59+07:00`))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        value: cultureTitleShare(Number(active.n), Number(recognised.n)),
        figures: [
          { label: 'Thôn đang hoạt động', value: Number(active.n) },
          { label: 'Thôn đạt “Thôn văn hóa”', value: Number(recognised.n) },
        ],
      };
    },
  },
];
