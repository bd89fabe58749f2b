import { describe, expect, it } from 'vitest';
import { MEASURE_KEYS, smallSet } from './fixtures.ts';
import { evaluate, missingFor } from './levels.ts';
import {
  type CriteriaSetInput,
  LEVEL_LABELS,
  levelLabel,
  levelsOf,
  MAX_LEVEL,
  maxTotal,
  toInterchange,
  validateCriteriaSet,
} from './set.ts';

/** The small set (20 points) with a group of deductions: "trừ tối đa 3 điểm" over two items. */
function withDeductions(): CriteriaSetInput {
  const input = smallSet();
  input.groups.push({
    code: 'D',
    name: 'Điểm trừ',
    criteria: [
      {
        code: 'D1',
        name: 'Vi phạm trong giải quyết thủ tục hành chính (trừ tối đa 3 điểm)',
        maxPoints: 3,
        deduction: true,
        indicators: [
          { code: 'D1.1', name: 'Mỗi hồ sơ trễ hạn không xin lỗi', maxPoints: 2 },
          { code: 'D1.2', name: 'Có đơn thư khiếu nại đông người', maxPoints: 2.5 },
        ],
      },
    ],
  });
  return input;
}
const validate = (input: CriteriaSetInput) => validateCriteriaSet(input, MEASURE_KEYS);
const set = validate(withDeductions()).set!;
const full = { 'A1.1': 350, 'A1.2': 250, 'A2.1': 400, 'B1.1': 500, 'B1.2': 500 };
const good = { 'plans.tasksOnTimeShare': 0.95 };

describe('deduction criteria in a set', () => {
  it('are accepted: the cap is their maxPoints, their items may add up to more, the set maximum stays', () => {
    const { problems, set: s } = validate(withDeductions());
    expect(problems).toEqual([]);
    expect(s!.groups[2]!.criteria[0]).toMatchObject({ deduction: true, maxPoints: 300, passPoints: 0 });
    expect(maxTotal(s!)).toBe(2000);
  });

  it('round-trip through the interchange format; a set without deductions carries no flag', () => {
    expect(validate(toInterchange(set)).set).toEqual(set);
    const plain = toInterchange(validate(smallSet()).set!);
    expect(plain.groups.flatMap((g) => g.criteria).some((c) => 'deduction' in c)).toBe(false);
  });

  it('refuse a pass mark, a measured item, a zero cap and a level that makes them mandatory', () => {
    const input = withDeductions();
    const d = input.groups[2]!.criteria[0]!;
    d.passPoints = 1;
    d.maxPoints = 0;
    d.indicators[0]!.measure = 'plans.tasksOnTimeShare';
    input.levels[1]!.mandatory = ['A1', 'D1'];
    const { problems, set: s } = validate(input);
    expect(s).toBeNull();
    expect(problems.map((p) => p.path).sort()).toEqual([
      'groups.2.criteria.0.indicators.0.measure',
      'groups.2.criteria.0.maxPoints',
      'groups.2.criteria.0.passPoints',
      'levels.1.mandatory',
    ]);
    expect(problems.find((p) => p.path === 'levels.1.mandatory')!.message).toContain('điểm trừ "D1"');
  });

  it('accept a passPoints of 0 or null given for a deduction (what an export of it writes)', () => {
    const input = withDeductions();
    input.groups[2]!.criteria[0]!.passPoints = 0;
    expect(validate(input).problems).toEqual([]);
    input.groups[2]!.criteria[0]!.passPoints = null;
    expect(validate(input).problems).toEqual([]);
  });
});

describe('evaluate with deductions', () => {
  it('nothing deducted: the same totals and level as a set without deductions', () => {
    const ev = evaluate(set, full, good);
    expect(ev).toMatchObject({ total: 2000, earned: 2000, deducted: 0, maxTotal: 2000, level: 4 });
    expect(ev.criteria.find((c) => c.code === 'D1')).toMatchObject({ points: 0, met: true, deduction: true });
  });

  it('takes the deductions off the total and off the group that holds them', () => {
    const ev = evaluate(set, { ...full, 'D1.1': 150 }, good);
    expect(ev).toMatchObject({ total: 1850, earned: 2000, deducted: 150, level: 4 });
    // level 4 asks 18: 2.5 points off leaves 17.5
    expect(evaluate(set, { ...full, 'D1.1': 200, 'D1.2': 50 }, good)).toMatchObject({
      total: 1750,
      level: 3,
    });
    expect(ev.groups.find((g) => g.code === 'D')).toEqual({
      code: 'D',
      name: 'Điểm trừ',
      points: -150,
      maxPoints: 0,
      deducted: 150,
    });
  });

  it('a deduction beyond its cap takes off the cap and no more; exactly the cap is the cap', () => {
    const beyond = evaluate(set, { ...full, 'D1.1': 200, 'D1.2': 250 });
    expect(beyond.criteria.find((c) => c.code === 'D1')).toMatchObject({ points: 300, uncapped: 450 });
    expect(beyond).toMatchObject({ total: 1700, deducted: 300 });
    const at = evaluate(set, { ...full, 'D1.1': 200, 'D1.2': 100 });
    expect(at).toMatchObject({ total: 1700, deducted: 300 });
    const below = evaluate(set, { ...full, 'D1.1': 200, 'D1.2': 99 });
    expect(below).toMatchObject({ total: 1701, deducted: 299 });
  });

  it('a total below zero is 0 ("chưa đạt"), the deduction still shown whole', () => {
    const ev = evaluate(set, { 'A2.1': 100, 'D1.1': 200, 'D1.2': 250 });
    expect(ev).toMatchObject({ total: 0, earned: 100, deducted: 300, level: 0 });
  });

  it('a deduction can cost a level: minTotal is compared with the total after deductions', () => {
    // level 1 needs 10: 10 earned is level 1, 10 earned less 0.01 is not
    const scores = { 'B1.1': 500, 'B1.2': 500 };
    expect(evaluate(set, scores).level).toBe(1);
    expect(evaluate(set, { ...scores, 'D1.1': 1 }).level).toBe(0);
    expect(missingFor(set, evaluate(set, { ...scores, 'D1.1': 1 }), 1).pointsShort).toBe(1);
  });

  it('a group share is the group net of its own deductions; a deductions-only group holds any share', () => {
    const input = withDeductions();
    // move the deduction into group A (10 points; level 3 asks 0.7 of each group)
    input.groups[0]!.criteria.push(input.groups.pop()!.criteria[0]!);
    const s = validate(input).set!;
    const scores = { 'A1.1': 350, 'A1.2': 250, 'A2.1': 100, 'B1.1': 500, 'B1.2': 500 }; // A = 7
    expect(evaluate(s, scores).level).toBe(3);
    const ev = evaluate(s, { ...scores, 'D1.1': 1 });
    expect(ev.groups[0]).toMatchObject({ points: 699, deducted: 1, maxPoints: 1000 });
    expect(ev.level).toBe(2);
    // the separate group D of the first set never fails a share
    expect(evaluate(set, { ...full, 'D1.1': 200 }).level).toBe(3);
  });

  it('a set stored before deductions existed (no flag) scores as it always did', () => {
    const old = validate(smallSet()).set!;
    const stored = JSON.parse(JSON.stringify(old));
    expect(evaluate(stored, full, good)).toMatchObject({ total: 2000, deducted: 0, level: 4 });
  });
});

describe('as many levels as the decision defines', () => {
  const levels = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ level: i + 1, minTotal: 2 * (i + 1) }));

  it('one level: reached or not', () => {
    const input = smallSet();
    input.levels = [{ level: 1, minTotal: 15 }];
    const s = validate(input).set!;
    expect(levelsOf(s)).toEqual([1]);
    expect(evaluate(s, full).level).toBe(1);
    expect(evaluate(s, { 'B1.1': 500 }).level).toBe(0);
    expect(missingFor(s, evaluate(s, full), 2)).toMatchObject({ undefinedLevel: true, reached: false });
  });

  it(`many levels, up to ${MAX_LEVEL}: the level is the last one reached in order`, () => {
    const input = smallSet();
    input.levels = levels(MAX_LEVEL);
    const s = validate(input).set!;
    expect(levelsOf(s)).toHaveLength(MAX_LEVEL);
    expect(evaluate(s, full).level).toBe(MAX_LEVEL); // 20 points, level 10 asks 20
    expect(evaluate(s, { ...full, 'A2.1': 399 }).level).toBe(MAX_LEVEL - 1);
    expect(evaluate(s, { 'B1.1': 500, 'B1.2': 200 }).level).toBe(3); // 7 points
    expect(levelLabel(MAX_LEVEL)).toBe(`Mức ${MAX_LEVEL}`);
    expect(LEVEL_LABELS[7]).toBe('Mức 7');
    expect(LEVEL_LABELS[0]).toBe('Chưa đạt');
  });

  it('a level beyond the highest allowed, a gap or a repeated level is refused', () => {
    const input = smallSet();
    input.levels = [...levels(MAX_LEVEL), { level: MAX_LEVEL + 1, minTotal: 20 }];
    expect(validate(input).problems.map((p) => p.message)).toEqual([
      `Mức phải là một số nguyên từ 1 đến ${MAX_LEVEL}.`,
    ]);
    input.levels = [
      { level: 1, minTotal: 1 },
      { level: 3, minTotal: 3 },
      { level: 3, minTotal: 4 },
    ];
    expect(
      validate(input)
        .problems.map((p) => p.message)
        .sort(),
    ).toEqual(['Quy tắc mức 3 bị trùng.', 'Thiếu quy tắc mức 2 (các mức phải liên tiếp từ mức 1).']);
  });

  it('levels with equal thresholds: both are reached together unless another rule tells them apart', () => {
    const input = smallSet();
    input.levels = [
      { level: 1, minTotal: 10 },
      { level: 2, minTotal: 10 },
      { level: 3, minTotal: 10, mandatory: ['A1'] },
    ];
    const s = validate(input).set!;
    expect(evaluate(s, { 'B1.1': 500, 'B1.2': 500 }).level).toBe(2); // A1 not met
    expect(evaluate(s, { 'B1.1': 500, 'B1.2': 500, 'A1.1': 350, 'A1.2': 100 }).level).toBe(3);
    expect(evaluate(s, { 'B1.1': 500, 'B1.2': 499 }).level).toBe(0);
  });

  it('a level asking more than the set can score is refused, deductions not counted in the maximum', () => {
    const input = withDeductions();
    input.levels = [{ level: 1, minTotal: 21 }];
    expect(validate(input).problems.map((p) => p.message)).toEqual([
      'Tổng điểm tối thiểu của mức 1 vượt quá tổng điểm của bộ (20).',
    ]);
  });
});
