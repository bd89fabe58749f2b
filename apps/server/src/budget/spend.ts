import { spendingProblem, vietnamDate } from '@cqtt/domain';
import { checkCommuneFiles } from '../files/refs.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { findRow } from '../register/table.ts';
import { deleteRow, insertRow } from '../register/write.ts';
import { estimates, requireStatus, requireWrite } from './estimates.ts';
import { loadLine } from './lines.ts';
import { lockedBalance, spendingTable, touch } from './store.ts';

/**
 * Spending on an approved line, with its vouchers. Over-spending the approved amount needs a
 * reason (packages/domain budget `spendingProblem`), checked with the line locked, so two
 * spendings at once cannot both pass.
 */

export interface SpendingInput {
  spentOn: string;
  amount: number;
  content: string;
  overReason?: string;
  fileIds?: string[];
}

export async function addSpending(ctx: RequestContext, lineId: string, input: SpendingInput) {
  const { line, estimate } = await loadLine(ctx, lineId);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'approved', 'Chỉ ghi chi vào dự toán đã được phê duyệt.');
  if (Number(input.spentOn.slice(0, 4)) !== estimate.year) {
    const message = `Ngày chi phải thuộc năm ${estimate.year} của dự toán.`;
    throw badRequest(message, [{ path: 'spentOn', message }]);
  }
  if (input.spentOn > vietnamDate(new Date())) {
    const message = 'Ngày chi không được sau ngày hôm nay.';
    throw badRequest(message, [{ path: 'spentOn', message }]);
  }
  const fileIds = await checkCommuneFiles(ctx.db, line.commune_id, input.fileIds);
  await insertRow(
    ctx,
    'budget_spendings',
    { entity: 'budget_spending', action: 'budget.spend' },
    {
      commune_id: line.commune_id,
      line_id: line.id,
      spent_on: input.spentOn,
      amount: input.amount,
      content: input.content,
      over_reason: input.overReason?.trim() || null,
      file_ids: fileIds,
      created_by: ctx.actor!.userId,
    },
    {
      async prepare(trx) {
        const problem = spendingProblem(await lockedBalance(trx, line), input.amount, input.overReason);
        if (problem) {
          const path = problem.includes('lý do') ? 'overReason' : 'amount';
          throw badRequest(problem, [{ path, message: problem }]);
        }
        return {};
      },
      also: (trx) => touch(trx, estimate),
    },
  );
  return estimates.get(ctx, estimate.id);
}

export async function deleteSpending(ctx: RequestContext, id: string) {
  const spending = await findRow(ctx, spendingTable, id);
  const { estimate } = await loadLine(ctx, spending.line_id);
  requireWrite(ctx.actor!, estimate);
  await deleteRow(
    ctx,
    'budget_spendings',
    { entity: 'budget_spending', action: 'budget.delete_spending' },
    spending,
    (trx) => touch(trx, estimate),
  );
  return estimates.get(ctx, estimate.id);
}
