import type { Estimate, EstimateSummary } from '@cqtt/contract/budget';
import { BUDGET_SOURCE_LABELS, type BudgetStatus, budgetTotals, can, lineBalance } from '@cqtt/domain';
import { badRequest, conflict, forbidden } from '../http/errors.ts';
import type { Actor, RequestContext } from '../http/route.ts';
import { defineRegister } from '../register/define.ts';
import { loadRefs, type Refs } from '../register/refs.ts';
import type { Row } from '../register/table.ts';
import { cityFunding, proposalsOf } from './city-funds.ts';
import { estimateOfYear, estimateTable, type LineRow, linesOf, spendingsOf } from './store.ts';

/** Budget estimates (dự toán kinh phí): one per commune and year, drafted by a unit or Phòng VH-XH. */

type EstimateRow = Row<'budget_estimates'>;

/** Admin and the coordinator write any estimate; a unit's focal only its own unit's. */
export function mayWrite(actor: Actor, unitId: string | null): boolean {
  if (!can(actor.roles, 'budget.manage')) return false;
  if (actor.roles.includes('admin') || actor.roles.includes('coordinator')) return true;
  return actor.unitId !== null && actor.unitId === unitId;
}

export function requireWrite(actor: Actor, estimate: { unit_id: string | null }) {
  if (!mayWrite(actor, estimate.unit_id)) {
    throw forbidden('Chỉ đơn vị lập dự toán hoặc Phòng Văn hóa - Xã hội được chỉnh sửa dự toán này.');
  }
}

export function requireStatus(estimate: { status: BudgetStatus }, status: BudgetStatus, message: string) {
  if (estimate.status !== status) throw badRequest(message, [{ path: 'status', message }]);
}

export function figures(line: LineRow) {
  return {
    amount: Number(line.amount),
    approvedAmount: line.approved_amount === null ? null : Number(line.approved_amount),
    spent: Number(line.spent ?? 0),
    source: line.source,
  };
}

function summary(e: EstimateRow, lines: LineRow[], refs: Refs): EstimateSummary {
  const totals = budgetTotals(lines.map(figures));
  return {
    id: e.id,
    communeId: e.commune_id,
    year: e.year,
    title: e.title,
    status: e.status,
    unit: refs.unit(e.unit_id),
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

async function summaries(ctx: RequestContext, rows: EstimateRow[]): Promise<EstimateSummary[]> {
  const communeIds = [...new Set(rows.map((e) => e.commune_id))];
  const [lines, refs] = await Promise.all([
    linesOf(
      ctx.db,
      communeIds,
      rows.map((e) => e.id),
    ),
    loadRefs(ctx.db, rows, { units: true }),
  ]);
  return rows.map((e) =>
    summary(
      e,
      lines.filter((l) => l.estimate_id === e.id),
      refs,
    ),
  );
}

/** An estimate with its lines, what each has spent and its spendings' evidence. */
export async function detail(ctx: RequestContext, e: EstimateRow): Promise<Estimate> {
  const lines = await linesOf(ctx.db, [e.commune_id], [e.id]);
  const spendings = await spendingsOf(
    ctx.db,
    e.commune_id,
    lines.map((l) => l.id),
  );
  const [refs, proposals] = await Promise.all([
    loadRefs(ctx.db, [e], {
      units: true,
      users: [
        e.submitted_by,
        e.decided_by,
        ...spendings.map((s) => s.created_by),
        ...lines.map((l) => l.city_decided_by),
      ],
      files: spendings.flatMap((s) => s.file_ids),
    }),
    proposalsOf(ctx.db, lines),
  ]);
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    ...summary(e, lines, refs),
    note: e.note,
    decisionNote: e.decision_note,
    submittedAt: iso(e.submitted_at),
    submittedBy: refs.user(e.submitted_by),
    decidedAt: iso(e.decided_at),
    decidedBy: refs.user(e.decided_by),
    bySource: budgetTotals(lines.map(figures)).bySource,
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
        city: cityFunding(l, proposals, refs),
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
            files: refs.files(s.file_ids),
            createdBy: refs.user(s.created_by),
          })),
      };
    }),
  };
}

interface EstimateInput {
  year: number;
  title: string;
  unitId?: string | null;
  note?: string;
}

const isFocalOnly = (actor: Actor) => !actor.roles.includes('admin') && !actor.roles.includes('coordinator');

export const estimates = defineRegister<'budget_estimates', EstimateSummary, EstimateInput, Estimate>({
  ...estimateTable,
  audit: { entity: 'budget_estimate', create: 'budget.create', update: 'budget.update' },
  fields: { year: 'year', title: 'title', unitId: 'unit_id', note: 'note' },
  view: summaries,
  detail,
  guard(ctx, _write, before) {
    if (!before) return;
    requireWrite(ctx.actor!, before);
    requireStatus(before, 'draft', 'Chỉ sửa được dự toán đang lập.');
  },
  async check(ctx, communeId, input, before) {
    const actor = ctx.actor!;
    // a focal drafts his own unit's estimate, by default and by rule
    const unitId = before ? input.unitId : (input.unitId ?? (isFocalOnly(actor) ? actor.unitId : null));
    if ((!before || input.unitId !== undefined) && !mayWrite(actor, unitId ?? null)) {
      throw forbidden('Đầu mối đơn vị chỉ được lập dự toán của đơn vị mình.');
    }
    if (!before && (await estimateOfYear(ctx.db, communeId, input.year!))) {
      throw conflict(`Năm ${input.year} đã có dự toán kinh phí; vui lòng mở dự toán đó để sửa.`);
    }
    return before ? undefined : { unit_id: unitId ?? null };
  },
  created: (ctx) => ({ created_by: ctx.actor!.userId }),
});
