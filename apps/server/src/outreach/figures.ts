import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope, yearSpan } from '../measures/registry.ts';

/** A commune's outreach of a year up to today, and how many of its active villages it reached. */
export interface OutreachCell {
  activities: number;
  audience: number;
  activeVillages: number;
  coveredVillages: number;
  /** coveredVillages / activeVillages; null without active villages. */
  villageShare: number | null;
}

/**
 * Outreach of every commune and year of the scope in two grouped queries (the domain's
 * outreachCoverage in SQL: an activity covers its village when the village is active). The
 * commune's coverage page takes its totals from here (activities.ts coverageOf).
 */
export async function outreachFigures(
  db: Kysely<DB>,
  scope: FigureScope,
  until: string | null = scope.today,
): Promise<Cells<OutreachCell>> {
  const ids = [...scope.communeIds];
  const span = yearSpan(scope);
  const [activity, villages] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('outreach_activities as a')
            .leftJoin('villages as v', (j) =>
              j
                .onRef('v.commune_id', '=', 'a.commune_id')
                .onRef('v.id', '=', 'a.village_id')
                .on('v.is_active', '=', true),
            )
            .select([
              'a.commune_id',
              sql<number>`extract(year from a.held_on)::int`.as('year'),
              sql<number>`count(*)::int`.as('activities'),
              sql<number>`coalesce(sum(a.audience), 0)::bigint`.as('audience'),
              sql<number>`count(distinct v.id)::int`.as('covered'),
            ])
            .where('a.commune_id', 'in', ids)
            .where('a.held_on', '>=', span.from)
            .where('a.held_on', '<=', until !== null && until < span.to ? until : span.to)
            .groupBy(['a.commune_id', sql`extract(year from a.held_on)`])
            .execute(),
          db
            .selectFrom('villages')
            .select(['commune_id', sql<number>`count(*)::int`.as('n')])
            .where('commune_id', 'in', ids)
            .where('is_active', '=', true)
            .groupBy('commune_id')
            .execute(),
        ]);
  const byCell = new Map(activity.map((r) => [cellKey(r.commune_id, Number(r.year)), r]));
  const active = new Map(villages.map((v) => [v.commune_id, Number(v.n)]));
  return cellsOf(scope, (communeId, year) => {
    const r = byCell.get(cellKey(communeId, year));
    const activeVillages = active.get(communeId) ?? 0;
    const coveredVillages = Number(r?.covered ?? 0);
    return {
      activities: Number(r?.activities ?? 0),
      audience: Number(r?.audience ?? 0),
      activeVillages,
      coveredVillages,
      villageShare: activeVillages === 0 ? null : coveredVillages / activeVillages,
    };
  });
}
