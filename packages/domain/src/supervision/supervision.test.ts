import { describe, expect, it } from 'vitest';
import { answerDateProblem, bodyFor, entryDateProblem, keptBodies } from './supervision.ts';

describe('who keeps which entries', () => {
  it('the Front keeps MTTQ’s, Ban XDĐ its own, nobody else any', () => {
    expect(keptBodies(['supervisor'])).toEqual(['front']);
    expect(keptBodies(['party'])).toEqual(['party']);
    expect(keptBodies(['supervisor', 'party'])).toEqual(['front', 'party']);
    for (const role of ['admin', 'leader', 'coordinator', 'focal', 'village', 'city', 'national'])
      expect(keptBodies([role])).toEqual([]);
  });
  it('a new entry goes to the user’s only body, or the one asked for when it is the user’s', () => {
    expect(bodyFor(['supervisor'])).toEqual({ body: 'front' });
    expect(bodyFor(['party'])).toEqual({ body: 'party' });
    expect(bodyFor(['party'], 'party')).toEqual({ body: 'party' });
    expect(bodyFor(['supervisor', 'party'], 'party')).toEqual({ body: 'party' });
  });
  it('refuses another body’s, none, or an undecided one, in Vietnamese', () => {
    expect(bodyFor(['supervisor'], 'party')).toEqual({ problem: expect.stringMatching(/Ban Xây dựng Đảng/) });
    expect(bodyFor(['party'], 'front')).toEqual({ problem: expect.stringMatching(/MTTQ/) });
    expect(bodyFor(['coordinator'])).toEqual({ problem: expect.stringMatching(/Chỉ Ủy ban MTTQ/) });
    expect(bodyFor(['supervisor', 'party'])).toEqual({ problem: expect.stringMatching(/chọn cơ quan/) });
  });
});

describe('dates', () => {
  it('an entry is dated in its year or the next (a review of the year held in January)', () => {
    const today = '2029-01-01';
    expect(entryDateProblem(2026, '2026-01-01', today)).toBeNull();
    expect(entryDateProblem(2026, '2026-12-31', today)).toBeNull();
    expect(entryDateProblem(2026, '2027-01-15', today)).toBeNull();
    expect(entryDateProblem(2026, '2027-12-31', today)).toBeNull();
    expect(entryDateProblem(2026, '2025-12-31', today)).toMatch(/trước năm 2026/);
    expect(entryDateProblem(2026, '2028-01-01', today)).toMatch(/quá xa/);
  });
  it('an entry records what happened: today at the latest', () => {
    expect(entryDateProblem(2026, '2026-12-02', '2026-12-02')).toBeNull();
    expect(entryDateProblem(2026, '2026-12-03', '2026-12-02')).toMatch(/sau hôm nay/);
  });
  it('an answer is dated between the entry and today, both included', () => {
    expect(answerDateProblem('2026-06-18', '2026-06-18', '2026-12-02')).toBeNull();
    expect(answerDateProblem('2026-06-18', '2026-12-02', '2026-12-02')).toBeNull();
    expect(answerDateProblem('2026-06-18', '2026-06-17', '2026-12-02')).toMatch(/trước ngày giám sát/);
    expect(answerDateProblem('2026-06-18', '2026-12-03', '2026-12-02')).toMatch(/sau hôm nay/);
  });
});
