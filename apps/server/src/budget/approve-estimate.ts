import { type BudgetStatus, nextStatusProblem } from '@cqtt/domain';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import type { Row } from '../register/table.ts';
import { estimates, requireWrite } from './estimates.ts';
import { approveLines, linesOf } from './store.ts';

/** An estimate's way to approval: submitted by its unit, approved or returned by the leader. */

/** A status change the domain allows; a change made meanwhile by someone else is a 409. */
function move(
  ctx: RequestContext,
  estimate: Row<'budget_estimates'>,
  to: BudgetStatus,
  action: string,
  set: Record<string, unknown>,
  also?: (trx: Transaction<DB>) => Promise<void>,
) {
  const problem = nextStatusProblem(estimate.status, to);
  if (problem) throw badRequest(problem, [{ path: 'status', message: problem }]);
  return estimates.change(ctx, estimate, { ...set, status: to }, action, { unchanged: ['status'], also });
}

export async function submitEstimate(ctx: RequestContext, id: string) {
  const estimate = await estimates.find(ctx, id);
  requireWrite(ctx.actor!, estimate);
  const lines = await linesOf(ctx.db, [estimate.commune_id], [estimate.id]);
  if (estimate.status === 'draft' && lines.length === 0) {
    throw badRequest('Dự toán chưa có dòng kinh phí nào; vui lòng thêm ít nhất một dòng trước khi trình.');
  }
  return move(ctx, estimate, 'submitted', 'budget.submit', {
    submitted_by: ctx.actor!.userId,
    submitted_at: new Date(),
  });
}

export async function returnEstimate(ctx: RequestContext, id: string, reason: string) {
  const estimate = await estimates.find(ctx, id);
  return move(ctx, estimate, 'draft', 'budget.return', {
    decided_by: ctx.actor!.userId,
    decided_at: new Date(),
    decision_note: reason,
  });
}

/**
 * The leader approves every line the commune funds at once, each with its approved amount. A line
 * the city budget funds is not the chairman's to approve: the city decides it (city-funds.ts).
 */
export async function approveEstimate(
  ctx: RequestContext,
  id: string,
  input: { lines: Array<{ lineId: string; approvedAmount: number }>; note?: string },
) {
  const estimate = await estimates.find(ctx, id);
  const problem = nextStatusProblem(estimate.status, 'approved');
  if (problem) throw badRequest(problem, [{ path: 'status', message: problem }]);
  const lines = await linesOf(ctx.db, [estimate.commune_id], [estimate.id]);
  const given = new Map<string, number>();
  input.lines.forEach((l, i) => {
    if (given.has(l.lineId)) {
      const message = 'Mỗi dòng dự toán chỉ được duyệt một lần.';
      throw badRequest(message, [{ path: `lines.${i}.lineId`, message }]);
    }
    given.set(l.lineId, l.approvedAmount);
  });
  const known = new Set(lines.map((l) => l.id));
  const stranger = input.lines.findIndex((l) => !known.has(l.lineId));
  if (stranger >= 0) {
    const message = 'Dòng dự toán không thuộc dự toán này.';
    throw badRequest(message, [{ path: `lines.${stranger}.lineId`, message }]);
  }
  const cityLine = new Set(lines.filter((l) => l.source === 'city').map((l) => l.id));
  const ofCity = input.lines.findIndex((l) => cityLine.has(l.lineId));
  if (ofCity >= 0) {
    const message =
      'Dòng đề nghị ngân sách thành phố bố trí do thành phố phê duyệt (sau khi ban hành tờ trình), không do lãnh đạo xã duyệt.';
    throw badRequest(message, [{ path: `lines.${ofCity}.lineId`, message }]);
  }
  const missing = lines.find((l) => !cityLine.has(l.id) && !given.has(l.id));
  if (missing) {
    const message = `Vui lòng nhập số được duyệt cho dòng số ${missing.number} (${missing.content}).`;
    throw badRequest(message, [{ path: 'lines', message }]);
  }
  return move(
    ctx,
    estimate,
    'approved',
    'budget.approve',
    { decided_by: ctx.actor!.userId, decided_at: new Date(), decision_note: input.note ?? '' },
    (trx) => approveLines(trx, estimate.commune_id, given),
  );
}
