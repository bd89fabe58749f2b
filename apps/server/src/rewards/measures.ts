import type { MeasureDefinition } from '../measures/registry.ts';

/** rewards.given: individuals and collectives rewarded for the year, by decisions dated up to today. */
export const rewardMeasures: MeasureDefinition[] = [
  {
    key: 'rewards.given',
    name: 'Số cá nhân, tập thể được khen thưởng trong năm',
    kind: 'count',
    async compute(db, { communeId, year, today }) {
      const rows = await db
        .selectFrom('rewards')
        .select(['nominee_kind'])
        .where('commune_id', '=', communeId)
        .where('year', '=', year)
        .where('status', '=', 'awarded')
        .where('decision_date', '<=', today)
        .execute();
      return {
        value: rows.length,
        figures: [
          { label: 'Cá nhân', value: rows.filter((r) => r.nominee_kind === 'individual').length },
          { label: 'Tập thể', value: rows.filter((r) => r.nominee_kind === 'collective').length },
        ],
      };
    },
  },
];
