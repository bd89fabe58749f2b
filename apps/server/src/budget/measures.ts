import { budgetTotals, spentShare } from '@cqtt/domain';
import type { MeasureDefinition } from '../measures/registry.ts';
import { figures } from './estimates.ts';
import { estimateOfYear, linesOf } from './store.ts';

/** budget.spentShare: what was spent up to today over what the leader approved for the year. */
export const budgetMeasures: MeasureDefinition[] = [
  {
    key: 'budget.spentShare',
    name: 'Tỷ lệ kinh phí đã chi so với dự toán được duyệt',
    kind: 'ratio',
    async compute(db, { communeId, year, today }) {
      const estimate = await estimateOfYear(db, communeId, year);
      if (estimate?.status !== 'approved') {
        return { value: null, figures: [{ label: 'Dự toán được duyệt', value: 'chưa có' }] };
      }
      const lines = await linesOf(db, [communeId], [estimate.id], today);
      const totals = budgetTotals(lines.map(figures));
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
