/**
 * Budget (kinh phí) rules: the yearly estimate by line, its approval, and the
 * spending against each approved line. Amounts are whole đồng; the database
 * keeps them as bigint, the API as JSON integers no larger than MAX_AMOUNT so
 * every sum stays exact in a JavaScript number.
 */

export const BUDGET_SOURCES = ['commune', 'city', 'other'] as const;
export type BudgetSource = (typeof BUDGET_SOURCES)[number];
export const BUDGET_SOURCE_LABELS: Record<BudgetSource, string> = {
  commune: 'Ngân sách xã',
  city: 'Ngân sách thành phố',
  other: 'Nguồn hợp pháp khác',
};

export const BUDGET_STATUSES = ['draft', 'submitted', 'approved'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];
export const BUDGET_STATUS_LABELS: Record<BudgetStatus, string> = {
  draft: 'Đang lập',
  submitted: 'Chờ phê duyệt',
  approved: 'Đã phê duyệt',
};

/** One thousand billion đồng: far above any commune's line, far below 2^53. */
export const MAX_AMOUNT = 1_000_000_000_000;

/** "1.250.000 đ": Vietnamese thousands separators, whole đồng. */
export function formatVnd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(amount)));
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** A Vietnamese sentence when an amount is not a whole, non-negative number of đồng. */
export function amountProblem(amount: number, options: { positive?: boolean } = {}): string | null {
  if (!Number.isFinite(amount) || !Number.isInteger(amount)) return 'Số tiền phải là số đồng nguyên.';
  if (amount < 0) return 'Số tiền không được âm.';
  if (options.positive && amount === 0) return 'Số tiền phải lớn hơn 0.';
  if (amount > MAX_AMOUNT) return `Số tiền không được vượt quá ${formatVnd(MAX_AMOUNT)}.`;
  return null;
}

export interface BudgetLineFigures {
  amount: number;
  approvedAmount: number | null;
  spent: number;
}

export interface LineBalance {
  /** The approved amount, or the estimate while none is approved. */
  base: number;
  spent: number;
  /** base - spent; negative once overspent. */
  remaining: number;
  overspent: boolean;
}

export function lineBalance(line: BudgetLineFigures): LineBalance {
  const base = line.approvedAmount ?? line.amount;
  const remaining = base - line.spent;
  return { base, spent: line.spent, remaining, overspent: remaining < 0 };
}

export interface BudgetTotals {
  estimated: number;
  approved: number;
  spent: number;
  remaining: number;
  bySource: Record<BudgetSource, { estimated: number; approved: number; spent: number }>;
}

export function budgetTotals(
  lines: ReadonlyArray<BudgetLineFigures & { source: BudgetSource }>,
): BudgetTotals {
  const bySource = Object.fromEntries(
    BUDGET_SOURCES.map((s) => [s, { estimated: 0, approved: 0, spent: 0 }]),
  ) as BudgetTotals['bySource'];
  let estimated = 0;
  let approved = 0;
  let spent = 0;
  for (const line of lines) {
    estimated += line.amount;
    approved += line.approvedAmount ?? 0;
    spent += line.spent;
    const s = bySource[line.source];
    s.estimated += line.amount;
    s.approved += line.approvedAmount ?? 0;
    s.spent += line.spent;
  }
  return { estimated, approved, spent, remaining: approved - spent, bySource };
}

/**
 * Whether a new spending may be recorded against a line: only on an approved
 * line, and beyond its approved amount only with a written reason. Returns a
 * Vietnamese sentence, or null when it may.
 */
export function spendingProblem(
  line: { approvedAmount: number | null; spent: number },
  amount: number,
  overReason?: string | null,
): string | null {
  const problem = amountProblem(amount, { positive: true });
  if (problem) return problem;
  if (line.approvedAmount === null) return 'Dòng dự toán chưa được phê duyệt nên chưa thể ghi chi.';
  const remaining = line.approvedAmount - line.spent;
  if (amount > remaining && !overReason?.trim()) {
    return `Khoản chi ${formatVnd(amount)} vượt số còn lại của dòng dự toán (${formatVnd(
      Math.max(remaining, 0),
    )}). Vui lòng nêu lý do chi vượt dự toán.`;
  }
  return null;
}

/** Share of the approved total that has been spent (0..1, may exceed 1); null with nothing approved. */
export function spentShare(totals: { approved: number; spent: number }): number | null {
  if (totals.approved <= 0) return null;
  return totals.spent / totals.approved;
}

/** Who may move an estimate where: draft -> submitted -> approved, or back to draft when returned. */
export function nextStatusProblem(from: BudgetStatus, to: BudgetStatus): string | null {
  if (from === 'draft' && to === 'submitted') return null;
  if (from === 'submitted' && (to === 'approved' || to === 'draft')) return null;
  if (to === 'submitted') return 'Chỉ dự toán đang lập mới được trình phê duyệt.';
  if (to === 'approved') return 'Chỉ dự toán đang chờ phê duyệt mới được phê duyệt.';
  return 'Chỉ dự toán đang chờ phê duyệt mới được trả lại để chỉnh sửa.';
}

/**
 * A line the city budget funds (source 'city'): the commune asks for it in its tờ trình (issued:
 * 'proposed'), the city approves it with an amount or refuses it with a reason. Until then it has
 * no approved amount, and the commune's chairman does not approve it (decision 0030).
 */
export const CITY_LINE_STATUSES = ['proposed', 'approved', 'refused'] as const;
export type CityLineStatus = (typeof CITY_LINE_STATUSES)[number];
export const CITY_LINE_STATUS_LABELS: Record<CityLineStatus | 'not_proposed', string> = {
  not_proposed: 'Chưa đề xuất thành phố',
  proposed: 'Chờ thành phố xem xét',
  approved: 'Thành phố đã bố trí',
  refused: 'Thành phố không bố trí',
};

export type CityDecision =
  | { decision: 'approve'; approvedAmount?: number | undefined; reason?: string | undefined }
  | { decision: 'refuse'; approvedAmount?: number | undefined; reason?: string | undefined };

/** Why the city cannot decide a line now, or with this input; null when it can. */
export function cityDecisionProblem(
  line: { source: BudgetSource; cityStatus: CityLineStatus | null; amount: number },
  input: CityDecision,
): { path: string; message: string } | null {
  if (line.source !== 'city')
    return { path: 'id', message: 'Dòng này không đề nghị ngân sách thành phố bố trí; xã tự phê duyệt.' };
  if (line.cityStatus === null)
    return { path: 'id', message: 'Xã chưa ban hành tờ trình đề xuất dòng kinh phí này.' };
  if (line.cityStatus !== 'proposed')
    return {
      path: 'id',
      message: `Dòng kinh phí này đã được quyết định (${CITY_LINE_STATUS_LABELS[line.cityStatus].toLocaleLowerCase('vi-VN')}).`,
    };
  if (input.decision === 'approve') {
    if (input.approvedAmount === undefined)
      return { path: 'approvedAmount', message: 'Vui lòng nhập số kinh phí thành phố bố trí.' };
    const problem = amountProblem(input.approvedAmount, { positive: true });
    if (problem) return { path: 'approvedAmount', message: problem };
    if (input.approvedAmount > line.amount)
      return {
        path: 'approvedAmount',
        message: `Số bố trí không được vượt số xã đề nghị (${formatVnd(line.amount)}).`,
      };
    return null;
  }
  if ((input.reason ?? '').trim().length < 5)
    return { path: 'reason', message: 'Vui lòng nêu lý do không bố trí (ít nhất 5 ký tự).' };
  return null;
}
