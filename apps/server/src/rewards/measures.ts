import type { MeasureDefinition } from '../measures/registry.ts';
import { awardedKinds } from './store.ts';

/** rewards.given: individuals and collectives rewarded for the year, by decisions dated up to today. */
export const rewardMeasures: MeasureDefinition[] = [
  {
    key: 'rewards.given',
    name: 'Số cá nhân, tập thể được khen thưởng trong năm',
    kind: 'count',
    async compute(db, { communeId, year, today }) {
      const rows = await awardedKinds(db, communeId, year, today);
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
