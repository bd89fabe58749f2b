import {
  BUDGET_SOURCE_LABELS,
  type BudgetSource,
  type BudgetStatus,
  budgetTotals,
  can,
  foldVietnamese,
  lineBalance,
  nextStatusProblem,
  spendingProblem,
  vietnamDate,
} from '@cqtt/domain';
import type { Kysely } from 'kysely';
import { audited } from '../audit/service.ts';
import { containsPattern, foldSql } from '../db/fold.ts';
import type { DB } from '../db/schema.ts';
import { checkCommuneFiles, filesById, pickFiles } from '../files/refs.ts';
import { badRequest, conflict, forbidden, notFound } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { resolveCommuneId, visibleCommuneIds } from '../org/scope.ts';

/** Budget estimates (dự toán kinh phí), their lines, approval and spending. */

type EstimateRow = NonNullable<Awaited<ReturnType<typeof findEstimate>>>;

export function findEstimate(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('budget_estimates')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(db, actor))
    .executeTakeFirst();
}

async function loadEstimate(ctx: RequestContext, id: string) {
  const estimate = await findEstimate(ctx.db, ctx.actor!, id);
  if (!estimate) throw notFound('Dự toán kinh phí');
  return estimate;
}

/** Admin and the coordinator write any estimate; a unit's focal only its own unit's. */
function mayWrite(actor: Actor, unitId: string | null): boolean {
  if (!can(actor.roles, 'budget.manage')) return false;
  if (actor.roles.includes('admin') || actor.roles.includes('coordinator')) return true;
  return actor.unitId !== null && actor.unitId === unitId;
}

function requireWrite(actor: Actor, estimate: { unit_id: string | null }) {
  if (!mayWrite(actor, estimate.unit_id)) {
    throw forbidden('Chỉ đơn vị lập dự toán hoặc Phòng Văn hóa - Xã hội được chỉnh sửa dự toán này.');
  }
}

function requireStatus(estimate: { status: BudgetStatus }, status: BudgetStatus, message: string) {
  if (estimate.status !== status) throw badRequest(message, [{ path: 'status', message }]);
}

async function checkUnit(db: Kysely<DB>, communeId: string, unitId: string | null | undefined) {
  if (!unitId) return;
  const unit = await db
    .selectFrom('units')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit) {
    const message = 'Đơn vị không tồn tại trong xã này.';
    throw badRequest(message, [{ path: 'unitId', message }]);
  }
}

// ---------------------------------------------------------------- views

async function linesOf(db: Kysely<DB>, communeIds: string[], estimateIds: string[]) {
  if (estimateIds.length === 0) return [];
  return db
    .selectFrom('budget_lines as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('budget_spendings as s')
        .select((e) => e.fn.coalesce(e.fn.sum<number>('s.amount'), e.val(0)).as('total'))
        .whereRef('s.commune_id', '=', 'l.commune_id')
        .whereRef('s.line_id', '=', 'l.id')
        .as('spent'),
    )
    .where('l.commune_id', 'in', communeIds)
    .where('l.estimate_id', 'in', estimateIds)
    .orderBy('l.number')
    .execute();
}

type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

function figures(line: LineRow) {
  return {
    amount: Number(line.amount),
    approvedAmount: line.approved_amount === null ? null : Number(line.approved_amount),
    spent: Number(line.spent ?? 0),
    source: line.source,
  };
}

async function unitsAndUsers(db: Kysely<DB>, communeIds: string[], userIds: (string | null)[]) {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  const [units, users] = await Promise.all([
    communeIds.length
      ? db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', 'in', communeIds).execute()
      : [],
    ids.length ? db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute() : [],
  ]);
  return {
    unit: new Map(units.map((u) => [u.id, u])),
    user: new Map(users.map((u) => [u.id, { id: u.id, fullName: u.full_name }])),
  };
}

function summaryView(
  e: EstimateRow,
  lines: LineRow[],
  unit: Map<string, { id: string; code: string; name: string }>,
) {
  const totals = budgetTotals(lines.map(figures));
  return {
    id: e.id,
    communeId: e.commune_id,
    year: e.year,
    title: e.title,
    status: e.status,
    unit: e.unit_id ? (unit.get(e.unit_id) ?? null) : null,
    lineCount: lines.length,
    totals: {
      estimated: totals.estimated,
      approved: totals.approved,
      spent: totals.spent,
      remaining: totals.remaining,
    },
    updatedAt: new Date(e.updated_at).toISOString(),
  };
}

export interface ListQuery {
  communeId?: string;
  year?: number;
  unitId?: string;
  q?: string;
}

export async function listEstimates(ctx: RequestContext, query: ListQuery) {
  const actor = ctx.actor!;
  let select = ctx.db
    .selectFrom('budget_estimates as e')
    .selectAll('e')
    .where('e.commune_id', 'in', visibleCommuneIds(ctx.db, actor));
  if (query.communeId) {
    select = select.where('e.commune_id', '=', await resolveCommuneId(ctx.db, actor, query.communeId));
  }
  if (query.year) select = select.where('e.year', '=', query.year);
  if (query.unitId) select = select.where('e.unit_id', '=', query.unitId);
  const needle = query.q ? foldVietnamese(query.q.trim()) : '';
  if (needle) {
    const pattern = containsPattern(needle);
    select = select.where((eb) =>
      eb.or([
        eb(foldSql(eb.ref('e.title')), 'like', pattern),
        eb.exists(
          eb
            .selectFrom('budget_lines as l')
            .select('l.id')
            .whereRef('l.commune_id', '=', 'e.commune_id')
            .whereRef('l.estimate_id', '=', 'e.id')
            .where((sub) => sub(foldSql(sub.ref('l.content')), 'like', pattern)),
        ),
      ]),
    );
  }
  const estimates = await select.orderBy('e.year', 'desc').limit(500).execute();
  const communeIds = [...new Set(estimates.map((e) => e.commune_id))];
  const lines = await linesOf(
    ctx.db,
    communeIds,
    estimates.map((e) => e.id),
  );
  const { unit } = await unitsAndUsers(ctx.db, communeIds, []);
  return estimates.map((e) =>
    summaryView(
      e,
      lines.filter((l) => l.estimate_id === e.id),
      unit,
    ),
  );
}

export async function estimateDetail(db: Kysely<DB>, estimate: EstimateRow) {
  const lines = await linesOf(db, [estimate.commune_id], [estimate.id]);
  const spendings = lines.length
    ? await db
        .selectFrom('budget_spendings')
        .selectAll()
        .where('commune_id', '=', estimate.commune_id)
        .where(
          'line_id',
          'in',
          lines.map((l) => l.id),
        )
        .orderBy('spent_on')
        .orderBy('created_at')
        .execute()
    : [];
  const { unit, user } = await unitsAndUsers(
    db,
    [estimate.commune_id],
    [estimate.submitted_by, estimate.decided_by, estimate.created_by, ...spendings.map((s) => s.created_by)],
  );
  const files = await filesById(
    db,
    [estimate.commune_id],
    spendings.flatMap((s) => s.file_ids),
  );
  const totals = budgetTotals(lines.map(figures));
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...summaryView(estimate, lines, unit),
    note: estimate.note,
    decisionNote: estimate.decision_note,
    submittedAt: iso(estimate.submitted_at),
    submittedBy: estimate.submitted_by ? (user.get(estimate.submitted_by) ?? null) : null,
    decidedAt: iso(estimate.decided_at),
    decidedBy: estimate.decided_by ? (user.get(estimate.decided_by) ?? null) : null,
    bySource: totals.bySource,
    lines: lines.map((l) => {
      const f = figures(l);
      const balance = lineBalance(f);
      return {
        id: l.id,
        number: l.number,
        content: l.content,
        amount: f.amount,
        source: l.source,
        sourceLabel: BUDGET_SOURCE_LABELS[l.source],
        approvedAmount: f.approvedAmount,
        note: l.note,
        spent: f.spent,
        remaining: balance.remaining,
        overspent: balance.overspent,
        spendings: spendings
          .filter((s) => s.line_id === l.id)
          .map((s) => ({
            id: s.id,
            spentOn: String(s.spent_on).slice(0, 10),
            amount: Number(s.amount),
            content: s.content,
            overReason: s.over_reason,
            files: pickFiles(files, s.file_ids),
            createdBy: s.created_by ? (user.get(s.created_by) ?? null) : null,
          })),
      };
    }),
  };
}

export async function getEstimate(ctx: RequestContext, id: string) {
  return estimateDetail(ctx.db, await loadEstimate(ctx, id));
}

// ---------------------------------------------------------------- writes

export interface EstimateInput {
  communeId?: string;
  year: number;
  title: string;
  unitId?: string | null;
  note?: string;
}

export async function createEstimate(ctx: RequestContext, input: EstimateInput) {
  const actor = ctx.actor!;
  const communeId = await resolveCommuneId(ctx.db, actor, input.communeId);
  const isFocalOnly = !actor.roles.includes('admin') && !actor.roles.includes('coordinator');
  const unitId = input.unitId ?? (isFocalOnly ? actor.unitId : null);
  await checkUnit(ctx.db, communeId, unitId);
  if (!mayWrite(actor, unitId)) {
    throw forbidden('Đầu mối đơn vị chỉ được lập dự toán của đơn vị mình.');
  }
  const existing = await ctx.db
    .selectFrom('budget_estimates')
    .select('id')
    .where('commune_id', '=', communeId)
    .where('year', '=', input.year)
    .executeTakeFirst();
  if (existing) throw conflict(`Năm ${input.year} đã có dự toán kinh phí; vui lòng mở dự toán đó để sửa.`);
  const estimate = await audited(ctx, async (trx) => {
    const row = await trx
      .insertInto('budget_estimates')
      .values({
        commune_id: communeId,
        year: input.year,
        title: input.title,
        unit_id: unitId ?? null,
        note: input.note ?? '',
        created_by: actor.userId,
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: row,
      audit: {
        action: 'budget.create',
        entityType: 'budget_estimate',
        entityId: row.id,
        communeId,
        after: row,
      },
    };
  });
  return estimateDetail(ctx.db, estimate);
}

export async function updateEstimate(
  ctx: RequestContext,
  id: string,
  input: { title?: string; note?: string; unitId?: string | null },
) {
  const before = await loadEstimate(ctx, id);
  requireWrite(ctx.actor!, before);
  requireStatus(before, 'draft', 'Chỉ sửa được dự toán đang lập.');
  if (input.unitId !== undefined) {
    await checkUnit(ctx.db, before.commune_id, input.unitId);
    if (!mayWrite(ctx.actor!, input.unitId))
      throw forbidden('Đầu mối đơn vị chỉ được lập dự toán của đơn vị mình.');
  }
  const estimate = await audited(ctx, async (trx) => {
    const row = await trx
      .updateTable('budget_estimates')
      .set({
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(input.unitId === undefined ? {} : { unit_id: input.unitId }),
        updated_at: new Date(),
      })
      .where('commune_id', '=', before.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      result: row,
      audit: {
        action: 'budget.update',
        entityType: 'budget_estimate',
        entityId: id,
        communeId: before.commune_id,
        before,
        after: row,
      },
    };
  });
  return estimateDetail(ctx.db, estimate);
}

export interface LineInput {
  content: string;
  amount: number;
  source: BudgetSource;
  note?: string;
}

export async function addLine(ctx: RequestContext, estimateId: string, input: LineInput) {
  const estimate = await loadEstimate(ctx, estimateId);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ thêm dòng vào dự toán đang lập.');
  await audited(ctx, async (trx) => {
    const last = await trx
      .selectFrom('budget_lines')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('commune_id', '=', estimate.commune_id)
      .where('estimate_id', '=', estimate.id)
      .executeTakeFirst();
    const row = await trx
      .insertInto('budget_lines')
      .values({
        commune_id: estimate.commune_id,
        estimate_id: estimate.id,
        number: Number(last?.n ?? 0) + 1,
        content: input.content,
        amount: input.amount,
        source: input.source,
        note: input.note ?? '',
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await touch(trx, estimate);
    return {
      result: row,
      audit: {
        action: 'budget.add_line',
        entityType: 'budget_line',
        entityId: row.id,
        communeId: estimate.commune_id,
        after: row,
      },
    };
  });
  return getEstimate(ctx, estimateId);
}

async function touch(db: Kysely<DB>, estimate: { commune_id: string; id: string }) {
  await db
    .updateTable('budget_estimates')
    .set({ updated_at: new Date() })
    .where('commune_id', '=', estimate.commune_id)
    .where('id', '=', estimate.id)
    .execute();
}

async function loadLine(ctx: RequestContext, id: string) {
  const line = await ctx.db
    .selectFrom('budget_lines')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!line) throw notFound('Dòng dự toán');
  const estimate = await loadEstimate(ctx, line.estimate_id);
  return { line, estimate };
}

export async function updateLine(ctx: RequestContext, id: string, input: Partial<LineInput>) {
  const { line, estimate } = await loadLine(ctx, id);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ sửa được dòng của dự toán đang lập.');
  await audited(ctx, async (trx) => {
    const row = await trx
      .updateTable('budget_lines')
      .set({
        ...(input.content === undefined ? {} : { content: input.content }),
        ...(input.amount === undefined ? {} : { amount: input.amount }),
        ...(input.source === undefined ? {} : { source: input.source }),
        ...(input.note === undefined ? {} : { note: input.note }),
        updated_at: new Date(),
      })
      .where('commune_id', '=', line.commune_id)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await touch(trx, estimate);
    return {
      result: row,
      audit: {
        action: 'budget.update_line',
        entityType: 'budget_line',
        entityId: id,
        communeId: line.commune_id,
        before: line,
        after: row,
      },
    };
  });
  return getEstimate(ctx, estimate.id);
}

export async function deleteLine(ctx: RequestContext, id: string) {
  const { line, estimate } = await loadLine(ctx, id);
  requireWrite(ctx.actor!, estimate);
  requireStatus(estimate, 'draft', 'Chỉ xóa được dòng của dự toán đang lập.');
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('budget_lines')
      .where('commune_id', '=', line.commune_id)
      .where('id', '=', id)
      .execute();
    await touch(trx, estimate);
    return {
      result: null,
      audit: {
        action: 'budget.delete_line',
        entityType: 'budget_line',
        entityId: id,
        communeId: line.commune_id,
        before: line,
      },
    };
  });
  return getEstimate(ctx, estimate.id);
}

async function move(
  ctx: RequestContext,
  estimate: EstimateRow,
  to: BudgetStatus,
  action: string,
  set: Record<string, unknown>,
  extra?: (trx: Kysely<DB>) => Promise<void>,
) {
  const problem = nextStatusProblem(estimate.status, to);
  if (problem) throw badRequest(problem, [{ path: 'status', message: problem }]);
  await audited(ctx, async (trx) => {
    if (extra) await extra(trx);
    const row = await trx
      .updateTable('budget_estimates')
      .set({ ...set, status: to, updated_at: new Date() })
      .where('commune_id', '=', estimate.commune_id)
      .where('id', '=', estimate.id)
      .where('status', '=', estimate.status)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict('Dự toán vừa được người khác thay đổi; vui lòng tải lại.');
    return {
      result: row,
      audit: {
        action,
        entityType: 'budget_estimate',
        entityId: estimate.id,
        communeId: estimate.commune_id,
        before: estimate,
        after: row,
      },
    };
  });
  return getEstimate(ctx, estimate.id);
}

export async function submitEstimate(ctx: RequestContext, id: string) {
  const estimate = await loadEstimate(ctx, id);
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
  const estimate = await loadEstimate(ctx, id);
  return move(ctx, estimate, 'draft', 'budget.return', {
    decided_by: ctx.actor!.userId,
    decided_at: new Date(),
    decision_note: reason,
  });
}

export async function approveEstimate(
  ctx: RequestContext,
  id: string,
  input: { lines: Array<{ lineId: string; approvedAmount: number }>; note?: string },
) {
  const estimate = await loadEstimate(ctx, id);
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
  const missing = lines.find((l) => !given.has(l.id));
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
    async (trx) => {
      for (const line of lines) {
        await trx
          .updateTable('budget_lines')
          .set({ approved_amount: given.get(line.id)!, updated_at: new Date() })
          .where('commune_id', '=', estimate.commune_id)
          .where('id', '=', line.id)
          .execute();
      }
    },
  );
}

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
  await audited(ctx, async (trx) => {
    // lock the line so two spendings at once cannot both pass the check
    const locked = await trx
      .selectFrom('budget_lines')
      .select(['approved_amount'])
      .where('commune_id', '=', line.commune_id)
      .where('id', '=', line.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const spent = await trx
      .selectFrom('budget_spendings')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.val(0)).as('total'))
      .where('commune_id', '=', line.commune_id)
      .where('line_id', '=', line.id)
      .executeTakeFirstOrThrow();
    const approvedAmount = locked.approved_amount === null ? null : Number(locked.approved_amount);
    const problem = spendingProblem(
      { approvedAmount, spent: Number(spent.total) },
      input.amount,
      input.overReason,
    );
    if (problem) {
      const path = problem.includes('lý do') ? 'overReason' : 'amount';
      throw badRequest(problem, [{ path, message: problem }]);
    }
    const overReason = input.overReason?.trim() || null;
    const row = await trx
      .insertInto('budget_spendings')
      .values({
        commune_id: line.commune_id,
        line_id: line.id,
        spent_on: input.spentOn,
        amount: input.amount,
        content: input.content,
        over_reason: overReason,
        file_ids: fileIds,
        created_by: ctx.actor!.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await touch(trx, estimate);
    return {
      result: row,
      audit: {
        action: 'budget.spend',
        entityType: 'budget_spending',
        entityId: row.id,
        communeId: line.commune_id,
        after: row,
      },
    };
  });
  return getEstimate(ctx, estimate.id);
}

export async function deleteSpending(ctx: RequestContext, id: string) {
  const spending = await ctx.db
    .selectFrom('budget_spendings')
    .selectAll()
    .where('id', '=', id)
    .where('commune_id', 'in', visibleCommuneIds(ctx.db, ctx.actor!))
    .executeTakeFirst();
  if (!spending) throw notFound('Khoản chi');
  const { estimate } = await loadLine(ctx, spending.line_id);
  requireWrite(ctx.actor!, estimate);
  await audited(ctx, async (trx) => {
    await trx
      .deleteFrom('budget_spendings')
      .where('commune_id', '=', spending.commune_id)
      .where('id', '=', id)
      .execute();
    await touch(trx, estimate);
    return {
      result: null,
      audit: {
        action: 'budget.delete_spending',
        entityType: 'budget_spending',
        entityId: id,
        communeId: spending.commune_id,
        before: spending,
      },
    };
  });
  return getEstimate(ctx, estimate.id);
}
