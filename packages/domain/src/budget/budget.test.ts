import { describe, expect, it } from 'vitest';
import {
  amountProblem,
  budgetTotals,
  cityDecisionProblem,
  formatVnd,
  lineBalance,
  MAX_AMOUNT,
  nextStatusProblem,
  spendingProblem,
  spentShare,
} from './budget.ts';

describe('formatVnd', () => {
  it('groups thousands with dots and ends with đ', () => {
    expect(formatVnd(1_250_000)).toBe('1.250.000 đ');
    expect(formatVnd(0)).toBe('0 đ');
    expect(formatVnd(999)).toBe('999 đ');
    expect(formatVnd(1000)).toBe('1.000 đ');
    expect(formatVnd(-45_000)).toBe('-45.000 đ');
    expect(formatVnd(MAX_AMOUNT)).toBe('1.000.000.000.000 đ');
  });
});

describe('amountProblem', () => {
  it('accepts whole non-negative đồng up to the maximum', () => {
    expect(amountProblem(0)).toBeNull();
    expect(amountProblem(MAX_AMOUNT)).toBeNull();
  });
  it('refuses negative, fractional, non-finite and too large amounts in Vietnamese', () => {
    expect(amountProblem(-1)).toBe('Số tiền không được âm.');
    expect(amountProblem(1.5)).toBe('Số tiền phải là số đồng nguyên.');
    expect(amountProblem(Number.NaN)).toBe('Số tiền phải là số đồng nguyên.');
    expect(amountProblem(MAX_AMOUNT + 1)).toMatch(/vượt quá/);
    expect(amountProblem(0, { positive: true })).toBe('Số tiền phải lớn hơn 0.');
  });
});

describe('lineBalance and budgetTotals', () => {
  it('uses the approved amount once there is one, the estimate before', () => {
    expect(lineBalance({ amount: 100, approvedAmount: null, spent: 0 })).toEqual({
      base: 100,
      spent: 0,
      remaining: 100,
      overspent: false,
    });
    expect(lineBalance({ amount: 100, approvedAmount: 80, spent: 90 })).toEqual({
      base: 80,
      spent: 90,
      remaining: -10,
      overspent: true,
    });
    expect(lineBalance({ amount: 100, approvedAmount: 80, spent: 80 }).overspent).toBe(false);
  });

  it('sums by source exactly', () => {
    const totals = budgetTotals([
      { source: 'commune', amount: 15_000_000, approvedAmount: 12_000_000, spent: 5_500_000 },
      { source: 'city', amount: 30_000_000, approvedAmount: 30_000_000, spent: 0 },
      { source: 'commune', amount: 2_000_000, approvedAmount: null, spent: 0 },
    ]);
    expect(totals.estimated).toBe(47_000_000);
    expect(totals.approved).toBe(42_000_000);
    expect(totals.spent).toBe(5_500_000);
    expect(totals.remaining).toBe(36_500_000);
    expect(totals.bySource.commune).toEqual({
      estimated: 17_000_000,
      approved: 12_000_000,
      spent: 5_500_000,
    });
    expect(totals.bySource.other).toEqual({ estimated: 0, approved: 0, spent: 0 });
  });

  it('an empty estimate sums to zero', () => {
    expect(budgetTotals([]).remaining).toBe(0);
  });
});

describe('spendingProblem', () => {
  const line = { approvedAmount: 1_000_000, spent: 600_000 };
  it('accepts a spending up to exactly the remaining amount', () => {
    expect(spendingProblem(line, 400_000)).toBeNull();
  });
  it('refuses one đồng more without a reason, accepts it with one', () => {
    expect(spendingProblem(line, 400_001)).toMatch(/vượt số còn lại.*400\.000 đ.*lý do/);
    expect(spendingProblem(line, 400_001, '   ')).not.toBeNull();
    expect(spendingProblem(line, 400_001, 'Giá in pano tăng')).toBeNull();
  });
  it('shows zero remaining once a line is already overspent', () => {
    expect(spendingProblem({ approvedAmount: 100, spent: 150 }, 1)).toMatch(/\(0 đ\)/);
  });
  it('refuses negative or zero spending even with a reason, and lines not approved', () => {
    expect(spendingProblem(line, -5, 'lý do')).toBe('Số tiền không được âm.');
    expect(spendingProblem(line, 0)).toBe('Số tiền phải lớn hơn 0.');
    expect(spendingProblem({ approvedAmount: null, spent: 0 }, 10)).toMatch(/chưa được phê duyệt/);
  });
  it('a line approved at zero takes spending only with a reason', () => {
    expect(spendingProblem({ approvedAmount: 0, spent: 0 }, 1)).not.toBeNull();
    expect(spendingProblem({ approvedAmount: 0, spent: 0 }, 1, 'Phát sinh')).toBeNull();
  });
});

describe('spentShare and status moves', () => {
  it('is null with nothing approved, a fraction otherwise', () => {
    expect(spentShare({ approved: 0, spent: 0 })).toBeNull();
    expect(spentShare({ approved: 200, spent: 50 })).toBe(0.25);
    expect(spentShare({ approved: 100, spent: 120 })).toBe(1.2);
  });
  it('allows draft → submitted → approved and returning a submitted estimate', () => {
    expect(nextStatusProblem('draft', 'submitted')).toBeNull();
    expect(nextStatusProblem('submitted', 'approved')).toBeNull();
    expect(nextStatusProblem('submitted', 'draft')).toBeNull();
    expect(nextStatusProblem('draft', 'approved')).toMatch(/chờ phê duyệt/);
    expect(nextStatusProblem('approved', 'submitted')).toMatch(/đang lập/);
    expect(nextStatusProblem('approved', 'draft')).toMatch(/trả lại/);
  });
});

describe('the city decides the lines it funds', () => {
  const proposed = { source: 'city' as const, cityStatus: 'proposed' as const, amount: 80_000_000 };

  it('approves a proposed line up to the amount asked', () => {
    expect(cityDecisionProblem(proposed, { decision: 'approve', approvedAmount: 80_000_000 })).toBeNull();
    expect(cityDecisionProblem(proposed, { decision: 'approve', approvedAmount: 50_000_000 })).toBeNull();
    expect(cityDecisionProblem(proposed, { decision: 'approve', approvedAmount: 80_000_001 })).toEqual({
      path: 'approvedAmount',
      message: 'Số bố trí không được vượt số xã đề nghị (80.000.000 đ).',
    });
  });

  it('asks for the amount, a positive one', () => {
    expect(cityDecisionProblem(proposed, { decision: 'approve' })?.path).toBe('approvedAmount');
    expect(cityDecisionProblem(proposed, { decision: 'approve', approvedAmount: 0 })?.message).toBe(
      'Số tiền phải lớn hơn 0.',
    );
  });

  it('refuses only with a reason', () => {
    expect(
      cityDecisionProblem(proposed, { decision: 'refuse', reason: 'Ngân sách năm 2026 đã phân bổ hết.' }),
    ).toBeNull();
    expect(cityDecisionProblem(proposed, { decision: 'refuse', reason: '  ab ' })).toEqual({
      path: 'reason',
      message: 'Vui lòng nêu lý do không bố trí (ít nhất 5 ký tự).',
    });
  });

  it('decides nothing that is not a proposed line of the city budget', () => {
    expect(
      cityDecisionProblem(
        { ...proposed, source: 'commune', cityStatus: null },
        { decision: 'refuse', reason: 'x'.repeat(9) },
      )?.message,
    ).toMatch(/xã tự phê duyệt/);
    expect(
      cityDecisionProblem({ ...proposed, cityStatus: null }, { decision: 'approve', approvedAmount: 1 })
        ?.message,
    ).toMatch(/chưa ban hành tờ trình/);
    expect(
      cityDecisionProblem({ ...proposed, cityStatus: 'approved' }, { decision: 'approve', approvedAmount: 1 })
        ?.message,
    ).toBe('Dòng kinh phí này đã được quyết định (thành phố đã bố trí).');
    expect(
      cityDecisionProblem({ ...proposed, cityStatus: 'refused' }, { decision: 'approve', approvedAmount: 1 }),
    ).not.toBeNull();
  });
});
