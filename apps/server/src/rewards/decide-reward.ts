import { decisionDateProblem, decisionNumberProblem, vietnamDate } from '@cqtt/domain';
import { badRequest } from '../http/errors.ts';
import type { RequestContext } from '../http/route.ts';
import { rewards } from './rewards.ts';

/** MTTQ's comment on a nomination and the leader's decision: the steps a nomination goes through. */

export async function comment(ctx: RequestContext, id: string, text: string) {
  const before = await rewards.find(ctx, id);
  if (before.status !== 'nominated') throw badRequest('Đề nghị đã có quyết định; không góp ý được nữa.');
  return rewards.change(
    ctx,
    before,
    { mttq_comment: text, commented_by: ctx.actor!.userId, commented_at: new Date() },
    'rewards.comment',
  );
}

export interface Decision {
  award: boolean;
  form?: string;
  decisionNumber?: string;
  decisionDate?: string;
  note?: string;
}

/** Awarded with a form, a decision number (125/QĐ-UBND) and date in its year; or declined with a reason. */
export async function decide(ctx: RequestContext, id: string, input: Decision) {
  const before = await rewards.find(ctx, id);
  if (before.status !== 'nominated') throw badRequest('Đề nghị này đã có quyết định.');
  const decided = { decided_by: ctx.actor!.userId, decided_at: new Date() };
  if (!input.award) {
    if (!input.note?.trim()) {
      const message = 'Vui lòng ghi lý do không khen thưởng.';
      throw badRequest(message, [{ path: 'note', message }]);
    }
    return rewards.change(
      ctx,
      before,
      { status: 'declined', decision_note: input.note, ...decided },
      'rewards.decline',
    );
  }
  const problems: { path: string; message: string }[] = [];
  if (!input.form?.trim()) problems.push({ path: 'form', message: 'Vui lòng nhập hình thức khen thưởng.' });
  const numberProblem = decisionNumberProblem(input.decisionNumber ?? '');
  if (numberProblem) problems.push({ path: 'decisionNumber', message: numberProblem });
  if (!input.decisionDate) problems.push({ path: 'decisionDate', message: 'Vui lòng nhập ngày quyết định.' });
  else {
    const dateProblem = decisionDateProblem(input.decisionDate, before.year, vietnamDate(new Date()));
    if (dateProblem) problems.push({ path: 'decisionDate', message: dateProblem });
  }
  if (problems.length > 0) throw badRequest(problems.map((p) => p.message).join(' '), problems);
  return rewards.change(
    ctx,
    before,
    {
      status: 'awarded',
      form: input.form!.trim(),
      decision_number: input.decisionNumber!.trim(),
      decision_date: input.decisionDate,
      decision_note: input.note ?? '',
      ...decided,
    },
    'rewards.award',
  );
}
