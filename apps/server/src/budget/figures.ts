import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Cells, cellKey, cellsOf, type FigureScope } from '../measures/registry.ts';

/** A commune's budget of a year: the approved estimate and what was spent on it up to today. */
export interface BudgetCell {
  /** The estimate's status; null when the commune has none for the year. */
  status: 'draft' | 'submitted' | 'approved' | null;
  /** Sum of the lines as estimated (đồng). */
  estimated: number;
  /** Sum of the approved amounts; 0 until the leader approves. */
  approved: number;
  /** Spent up to today (đồng). */
  spent: number;
  /** spent / approved; null until an estimate is approved with a positive amount. */
  spentShare: number | null;
}

/**
 * The budget of every commune and year of the scope in one grouped query (the domain's
 * budgetTotals and spentShare in SQL): the measure budget.spentShare and the city's view.
 */
export async function budgetFigures(db: Kysely<DB>, scope: FigureScope): Promise<Cells<BudgetCell>> {
  const rows =
    scope.communeIds.length === 0
      ? []
      : await db
          .selectFrom('budget_estimates as e')
          .leftJoin('budget_lines as l', (j) =>
            j.onRef('l.commune_id', '=', 'e.commune_id').onRef('l.estimate_id', '=', 'e.id'),
          )
          .select([
            'e.commune_id',
            'e.year',
            'e.status',
            sql<string>`coalesce(sum(l.amount), 0)::text`.as('estimated'),
            sql<string>`coalesce(sum(l.approved_amount), 0)::text`.as('approved'),
            sql<string>`coalesce(sum((select sum(s.amount) from budget_spendings s
              where s.commune_id = l.commune_id and s.line_id = l.id and s.spent_on <= ${scope.today})), 0)::text`.as(
              'spent',
            ),
          ])
          .where('e.commune_id', 'in', [...scope.communeIds])
          .where('e.year', 'in', [...scope.years])
          .groupBy(['e.commune_id', 'e.year', 'e.status'])
          .execute();
  const byCell = new Map(rows.map((r) => [cellKey(r.commune_id, r.year), r]));
  return cellsOf(scope, (communeId, year) => {
    const r = byCell.get(cellKey(communeId, year));
    const approved = r?.status === 'approved' ? Number(r.approved) : 0;
    const spent = r ? Number(r.spent) : 0;
    return {
      status: r?.status ?? null,
      estimated: r ? Number(r.estimated) : 0,
      approved,
      spent,
      spentShare: r?.status === 'approved' && approved > 0 ? spent / approved : null,
    };
  });
}
