import { sql } from 'kysely';
import { cellKey, cellsOf, defineMeasure } from '../measures/registry.ts';

/** rewards.given: individuals and collectives rewarded for the year, by decisions dated up to today. */
export const rewardMeasures = [
  defineMeasure({
    key: 'rewards.given',
    name: 'Số cá nhân, tập thể được khen thưởng trong năm',
    kind: 'count',
    async computeSet(db, scope) {
      const rows = await db
        .selectFrom('rewards')
        .select([
          'commune_id',
          'year',
          sql<number>`(count(*) filter (where nominee_kind = 'individual'))::int`.as('individuals'),
          sql<number>`(count(*) filter (where nominee_kind = 'collective'))::int`.as('collectives'),
          sql<number>`count(*)::int`.as('n'),
        ])
        .where('commune_id', 'in', [...scope.communeIds])
        .where('year', 'in', [...scope.years])
        .where('status', '=', 'awarded')
        .where('decision_date', '<=', scope.today)
        .groupBy(['commune_id', 'year'])
        .execute();
      const byCell = new Map(rows.map((r) => [cellKey(r.commune_id, r.year), r]));
      return cellsOf(scope, (communeId, year) => {
        const r = byCell.get(cellKey(communeId, year));
        return {
          value: Number(r?.n ?? 0),
          figures: [
            { label: 'Cá nhân', value: Number(r?.individuals ?? 0) },
            { label: 'Tập thể', value: Number(r?.collectives ?? 0) },
          ],
        };
      });
    },
  }),
];
