import { cultureTitleShare } from '@cqtt/domain';
import { sql } from 'kysely';
import { cellKey, cellsOf, defineMeasure } from '../measures/registry.ts';

/** villages.cultureTitleShare: villages recognised "Thôn văn hóa" in the year over active villages. */
export const villageMeasures = [
  defineMeasure({
    key: 'villages.cultureTitleShare',
    name: 'Tỷ lệ thôn đạt danh hiệu “Thôn văn hóa” trong năm',
    kind: 'ratio',
    async computeSet(db, scope) {
      const ids = [...scope.communeIds];
      const [active, recognised] = await Promise.all([
        db
          .selectFrom('villages')
          .select(['commune_id', sql<number>`count(*)::int`.as('n')])
          .where('commune_id', 'in', ids)
          .where('is_active', '=', true)
          .groupBy('commune_id')
          .execute(),
        db
          .selectFrom('village_assessments')
          .select(['commune_id', 'year', sql<number>`count(*)::int`.as('n')])
          .where('commune_id', 'in', ids)
          .where('year', 'in', [...scope.years])
          .where('title_achieved', '=', true)
          .where('reviewed_at', '<=', new Date(`${scope.today}T23:59:59+07:00`))
          .groupBy(['commune_id', 'year'])
          .execute(),
      ]);
      const activeOf = new Map(active.map((r) => [r.commune_id, Number(r.n)]));
      const titled = new Map(recognised.map((r) => [cellKey(r.commune_id, r.year), Number(r.n)]));
      return cellsOf(scope, (communeId, year) => {
        const a = activeOf.get(communeId) ?? 0;
        const t = titled.get(cellKey(communeId, year)) ?? 0;
        return {
          value: cultureTitleShare(a, t),
          figures: [
            { label: 'Thôn đang hoạt động', value: a },
            { label: 'Thôn đạt “Thôn văn hóa”', value: t },
          ],
        };
      });
    },
  }),
];
