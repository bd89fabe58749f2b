import { describe, expect, it } from 'vitest';
import { decisionDateProblem, decisionNumberProblem } from './rewards.ts';

describe('decision number and date', () => {
  it('asks for the QĐ symbol', () => {
    expect(decisionNumberProblem('125/QĐ-UBND')).toBeNull();
    expect(decisionNumberProblem(' 7/QĐ-CT ')).toBeNull();
    expect(decisionNumberProblem('125/KH-UBND')).toMatch(/125\/QĐ-UBND/);
    expect(decisionNumberProblem('QĐ-UBND')).not.toBeNull();
  });
  it('is neither in the future nor before the year', () => {
    expect(decisionDateProblem('2026-12-15', 2026, '2026-12-20')).toBeNull();
    expect(decisionDateProblem('2026-12-21', 2026, '2026-12-20')).toMatch(/hôm nay/);
    expect(decisionDateProblem('2025-12-31', 2026, '2026-12-20')).toMatch(/trước năm 2026/);
    expect(decisionDateProblem('2027-01-05', 2026, '2027-02-01')).toBeNull();
  });
});
