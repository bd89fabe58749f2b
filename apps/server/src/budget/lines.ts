import type { BudgetSource } from '@cqtt/domain';
import { conflict } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { findRow } from '../register/table.ts';
import { deleteRow, insertRow, updateRow } from '../register/write.ts';
import { detail, estimates, requireStatus, requireWrite } from './estimates.ts';
import { lineTable, nextLineNumber, touch } from './store.ts';

/** The lines of an estimate being drafted: added, changed, removed; each write audited. */

export interface LineInput {
  content: string;
  amount: number;
  source: BudgetSource;
  note?: string;
}

const audit = (verb: string) => ({ entity: 'budget_line', action: `budget.${verb}` });

export async function addLine(ctx: RequestContext, estimateId: string, input: LineInput) {
  const estimate = await estimates.find(ctx, estimateId);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ thêm dòng vào dự toán đang lập.');
  await insertRow(
    ctx,
    'budget_lines',
    audit('add_line'),
    {
      commune_id: estimate.commune_id,
      estimate_id: estimate.id,
      content: input.content,
      amount: input.amount,
      source: input.source,
      note: input.note ?? '',
    },
    {
      // numbered in the transaction that adds it
      prepare: async (trx) => ({ number: await nextLineNumber(trx, estimate) }),
      also: (trx) => touch(trx, estimate),
    },
  );
  return estimates.get(ctx, estimateId);
}

/** A line and its estimate, which must be writable by the user and still drafted. */
export async function loadLine(ctx: RequestContext, id: string) {
  const line = await findRow(ctx, lineTable, id);
  const estimate = await estimates.find(ctx, line.estimate_id);
  return { line, estimate };
}

/** A line the issued tờ trình asked the city for is what the city decides on: it stays as sent. */
function requireNotProposed(line: { city_status: string | null }) {
  if (line.city_status !== null) {
    throw conflict(
      'Dòng này đã được đề xuất thành phố bằng tờ trình đã ban hành; muốn thay đổi, hãy ban hành tờ trình thay thế.',
    );
  }
}

export async function updateLine(ctx: RequestContext, id: string, input: Partial<LineInput>) {
  const { line, estimate } = await loadLine(ctx, id);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ sửa được dòng của dự toán đang lập.');
  requireNotProposed(line);
  await updateRow(
    ctx,
    'budget_lines',
    audit('update_line'),
    line,
    {
      ...(input.content === undefined ? {} : { content: input.content }),
      ...(input.amount === undefined ? {} : { amount: input.amount }),
      ...(input.source === undefined ? {} : { source: input.source }),
      ...(input.note === undefined ? {} : { note: input.note }),
    },
    { also: (trx) => touch(trx, estimate) },
  );
  return detail(ctx, await estimates.find(ctx, estimate.id));
}

export async function deleteLine(ctx: RequestContext, id: string) {
  const { line, estimate } = await loadLine(ctx, id);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ xóa được dòng của dự toán đang lập.');
  requireNotProposed(line);
  await deleteRow(ctx, 'budget_lines', audit('delete_line'), line, (trx) => touch(trx, estimate));
  return estimates.get(ctx, estimate.id);
}
