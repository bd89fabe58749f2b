import { estimates as c, cityFunds } from '@cqtt/contract/budget';
import { implement } from '../http/route.ts';
import { communeName } from '../org/store.ts';
import { sendDocument } from '../register/export.ts';
import { approveEstimate, returnEstimate, submitEstimate } from './approve-estimate.ts';
import { cityLines, decideCityLine } from './city-funds.ts';
import { estimates } from './estimates.ts';
import { budgetXlsx } from './export-xlsx.ts';
import { addLine, deleteLine, updateLine } from './lines.ts';
import { addSpending, deleteSpending } from './spend.ts';

/** HTTP of budget: the contract's endpoints (packages/contract/src/budget.ts) bound to its use cases. */
export const budgetRoutes = [
  implement(c.list, { handler: ({ ctx, query }) => estimates.list(ctx, query) }),
  implement(c.create, { handler: ({ ctx, body }) => estimates.create(ctx, body) }),
  implement(c.get, { handler: ({ ctx, params }) => estimates.get(ctx, params.id) }),
  implement(c.update, { handler: ({ ctx, params, body }) => estimates.update(ctx, params.id, body) }),
  implement(c.addLine, { handler: ({ ctx, params, body }) => addLine(ctx, params.id, body) }),
  implement(c.updateLine, { handler: ({ ctx, params, body }) => updateLine(ctx, params.id, body) }),
  implement(c.removeLine, { handler: ({ ctx, params }) => deleteLine(ctx, params.id) }),
  implement(c.submit, { handler: ({ ctx, params }) => submitEstimate(ctx, params.id) }),
  implement(c.approve, { handler: ({ ctx, params, body }) => approveEstimate(ctx, params.id, body) }),
  implement(c.return, { handler: ({ ctx, params, body }) => returnEstimate(ctx, params.id, body.reason) }),
  implement(c.addSpending, { handler: ({ ctx, params, body }) => addSpending(ctx, params.id, body) }),
  implement(c.removeSpending, { handler: ({ ctx, params }) => deleteSpending(ctx, params.id) }),
  implement(cityFunds.list, { handler: ({ ctx, query }) => cityLines(ctx, query) }),
  implement(cityFunds.decide, {
    scope: 'city',
    handler: ({ ctx, params, body }) => decideCityLine(ctx, params.id, body),
  }),
  implement(c.exportXlsx, {
    handler: async ({ ctx, params, reply }) => {
      const detail = await estimates.get(ctx, params.id);
      const bytes = await budgetXlsx(detail, await communeName(ctx.db, detail.communeId));
      return sendDocument(reply, 'xlsx', `Dự toán kinh phí ${detail.year}.xlsx`, bytes);
    },
  }),
];
