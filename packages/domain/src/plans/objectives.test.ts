import { describe, expect, it } from 'vitest';
import {
  meetsTarget,
  normaliseTargets,
  objectiveSentence,
  percentText,
  targetFor,
  targetsProblem,
} from './objectives.ts';

const period = { fromYear: 2026, toYear: 2030 };

describe('the plan’s yearly targets', () => {
  it('older targets (year and level only) read with no raise and no ratio targets, sorted by year', () => {
    expect(
      normaliseTargets([
        { year: 2027, level: 3 },
        { year: 2026, level: 3, satisfaction: 0.9 },
      ]),
    ).toEqual([
      { year: 2026, level: 3, raiseLevel: false, satisfaction: 0.9, feedbackOnTime: null },
      { year: 2027, level: 3, raiseLevel: false, satisfaction: null, feedbackOnTime: null },
    ]);
    expect(targetFor([{ year: 2026, level: 3 }], 2027)).toBeNull();
    expect(targetFor([{ year: 2026, level: 3, raiseLevel: true }], 2026)?.raiseLevel).toBe(true);
  });

  it('refuses years outside the plan, a year twice, ratios outside 0..1', () => {
    expect(targetsProblem([{ year: 2026, level: 3, satisfaction: 0.9 }], period)).toBeNull();
    expect(targetsProblem([{ year: 2025, level: 3 }], period)).toMatchObject({ path: 'targets.0.year' });
    expect(targetsProblem([{ year: 2031, level: 3 }], period)?.message).toMatch(/ngoài thời gian/);
    expect(targetsProblem([{ year: 2031, level: 3 }], { fromYear: 2026, toYear: null })).toBeNull();
    expect(
      targetsProblem(
        [
          { year: 2026, level: 3 },
          { year: 2026, level: 4 },
        ],
        period,
      ),
    ).toMatchObject({ path: 'targets.1.year' });
    expect(targetsProblem([{ year: 2026, level: 3, satisfaction: 1.2 }], period)).toMatchObject({
      path: 'targets.0.satisfaction',
    });
    expect(targetsProblem([{ year: 2026, level: 3, feedbackOnTime: -0.1 }], period)?.path).toBe(
      'targets.0.feedbackOnTime',
    );
    expect(targetsProblem([{ year: 2026, level: 3, satisfaction: 0 }], period)).toBeNull();
    expect(targetsProblem([{ year: 2026, level: 3, satisfaction: 1 }], period)).toBeNull();
  });

  it('words each year as the plan does', () => {
    expect(objectiveSentence(normaliseTargets([{ year: 2026, level: 3 }])[0]!)).toBe(
      'Năm 2026, phấn đấu đạt chuẩn “Chính quyền thân thiện” mức độ 3.',
    );
    expect(
      objectiveSentence(
        normaliseTargets([{ year: 2027, level: 3, raiseLevel: true, satisfaction: 0.9 }])[0]!,
      ),
    ).toBe(
      'Năm 2027, phấn đấu nâng mức độ đạt chuẩn “Chính quyền thân thiện” (tối thiểu mức độ 3); chỉ số hài lòng của người dân đạt từ 90%.',
    );
    expect(percentText(0.925)).toBe('92,5%');
    expect(percentText(1)).toBe('100%');
  });

  it('a figure meets its target at or above it; nothing to say without either', () => {
    expect(meetsTarget(0.9, 0.9)).toBe(true);
    expect(meetsTarget(0.8999, 0.9)).toBe(false);
    expect(meetsTarget(null, 0.9)).toBeNull();
    expect(meetsTarget(0.95, null)).toBeNull();
  });
});
