import { budgetTotals, spentShare } from '@cqtt/domain';
import type { MeasureDefinition } from '../measures/registry.ts';

/** budget.spentShare: what was spent up to today over what the leader approved for the year. */
export const budgetMeasures: MeasureDefinition[] = [
  {
    key: 'budget.spentShare',
    name: 'Tỷ lệ kinh phí đã chi so với dự toán được duyệt',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const estimate = await db
        .selectFrom('budget_estimates')
        .select(['id', 'status'])
        .where('commune_id', '=', communeId)
        .where('year', '=', year)
        .executeTakeFirst();
      if (estimate?.status !== 'approved') {
        return { value: null, figures: [{ label: 'Dự toán được duyệt', value: 'chưa có' }] };
      }
      const lines = await db
        .selectFrom('budget_lines as l')
        .select(['l.amount', 'l.approved_amount', 'l.source'])
        .select((eb) =>
          eb
            .selectFrom('budget_spendings as s')
            .select((e) => e.fn.coalesce(e.fn.sum<number>('s.amount'), e.val(0)).as('t'))
            .whereRef('s.commune_id', '=', 'l.commune_id')
            .whereRef('s.line_id', '=', 'l.id')
            .where('s.spent_on', '<=', today)
            .as('spent'),
        )
        .where('l.commune_id', '=', communeId)
        .where('l.estimate_id', '=', estimate.id)
        .execute();
      const totals = budgetTotals(
        lines.map((l) => ({
          amount: Number(l.amount),
          approvedAmount: l.approved_amount === null ? null : Number(l.approved_amount),
          spent: Number(l.spent ?? 0),
          source: l.source,
        })),
      );
      return {
        value: spentShare(totals),
        figures: [
          { label: 'Dự toán được duyệt (đồng)', value: totals.approved },
          { label: 'Đã chi (đồng)', value: totals.spent },
        ],
      };
    },
  },
];
