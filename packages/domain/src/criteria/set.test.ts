import { describe, expect, it } from 'vitest';
import { MEASURE_KEYS, smallSet } from './fixtures.ts';
import { allIndicators, maxTotal, toInterchange, validateCriteriaSet } from './set.ts';

const validate = (input = smallSet(), units?: string[]) => validateCriteriaSet(input, MEASURE_KEYS, units);
const paths = (input: ReturnType<typeof smallSet>, units?: string[]) =>
  validate(input, units).problems.map((p) => p.path);

describe('validateCriteriaSet', () => {
  it('accepts a valid set and keeps its points in hundredths', () => {
    const { problems, set } = validate();
    expect(problems).toEqual([]);
    expect(maxTotal(set!)).toBe(2000);
    expect(set!.groups[0]!.criteria[0]).toMatchObject({
      maxPoints: 600,
      passPoints: 450,
      responsibleUnit: 'VHXH',
    });
    expect(set!.groups[0]!.criteria[1]!.passPoints).toBe(400); // passPoints defaults to maxPoints
    expect(set!.levels.map((l) => l.minGroupShare)).toEqual([null, null, 7000, 9000]);
    expect(allIndicators(set!).map((x) => x.indicator.code)).toEqual([
      'A1.1',
      'A1.2',
      'A2.1',
      'B1.1',
      'B1.2',
    ]);
  });

  it('round-trips through the interchange format', () => {
    const { set } = validate();
    const again = validate(toInterchange(set!));
    expect(again.set).toEqual(set);
  });

  it('refuses a criterion whose maxPoints is not the sum of its indicators, to the hundredth', () => {
    const input = smallSet();
    input.groups[0]!.criteria[0]!.maxPoints = 6.01;
    const { problems, set } = validate(input);
    expect(set).toBeNull();
    expect(problems).toEqual([
      {
        path: 'groups.0.criteria.0.maxPoints',
        message: expect.stringMatching(/6\.01.*tổng điểm các chỉ tiêu \(6\)/),
      },
    ]);
  });

  it('sums 0.1 + 0.2 indicators to a 0.3 criterion exactly', () => {
    const input = smallSet();
    input.groups[0]!.criteria[1] = {
      code: 'A2',
      name: 'A2',
      maxPoints: 0.3,
      indicators: [
        { code: 'A2.1', name: 'x', maxPoints: 0.1 },
        { code: 'A2.2', name: 'y', maxPoints: 0.2 },
      ],
    };
    input.levels = [{ level: 1, minTotal: 1 }];
    expect(validate(input).problems).toEqual([]);
  });

  it('lists every problem at once, not only the first', () => {
    const input = smallSet();
    input.code = ' ';
    input.effectiveFrom = '2026-02-30';
    input.groups[1]!.code = 'A'; // duplicate group
    input.groups[1]!.criteria[0]!.code = 'A1'; // duplicate criterion
    input.groups[1]!.criteria[0]!.indicators[0]!.code = 'A1.1'; // duplicate indicator
    input.groups[1]!.criteria[0]!.indicators[1]!.maxPoints = 5.001; // three decimals
    input.groups[1]!.criteria[0]!.indicators[1]!.measure = 'khong.co';
    input.groups[0]!.criteria[1]!.passPoints = 4.5; // above max
    input.levels[1]!.mandatory = ['A1', 'Z9'];
    input.levels[2]!.minGroupShare = 1.2;
    input.levels[3]!.minIndex = { 'satisfaction.index': 0.9 };
    input.levels[3]!.level = 11; // above MAX_LEVEL
    const result = validate(input);
    expect(result.set).toBeNull();
    expect(result.problems.map((p) => p.path)).toEqual([
      'code',
      'effectiveFrom',
      'groups.0.criteria.1.passPoints',
      'groups.1.code',
      'groups.1.criteria.0.code',
      'groups.1.criteria.0.indicators.0.code',
      'groups.1.criteria.0.indicators.1.measure',
      'groups.1.criteria.0.indicators.1.maxPoints',
      'levels.1.mandatory',
      'levels.2.mandatory', // B1 is gone: it was renamed A1
      'levels.2.minGroupShare',
      'levels.3.level',
      'levels.3.minIndex.satisfaction.index',
    ]);
    expect(
      result.problems.every((p) =>
        /[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ]/.test(p.message),
      ),
    ).toBe(true);
  });

  it('refuses empty groups, criteria without indicators and zero or negative maximums', () => {
    const input = smallSet();
    input.groups.push({ code: 'C', name: 'Nhóm C', criteria: [] });
    input.groups[0]!.criteria[1]!.indicators = [];
    input.groups[1]!.criteria[0]!.indicators[0]!.maxPoints = 0;
    input.groups[1]!.criteria[0]!.indicators[1]!.maxPoints = -5;
    expect(paths(input)).toEqual(
      expect.arrayContaining([
        'groups.2.criteria',
        'groups.0.criteria.1.indicators',
        'groups.1.criteria.0.indicators.0.maxPoints',
        'groups.1.criteria.0.indicators.1.maxPoints',
      ]),
    );
  });

  it('levels: integers 1..4, unique, consecutive from 1, minTotal within the set total', () => {
    const input = smallSet();
    input.levels = [
      { level: 0, minTotal: 1 },
      { level: 2.5, minTotal: 1 },
      { level: 3, minTotal: 20.01 },
      { level: 3, minTotal: 1 },
    ];
    const problems = validate(input).problems;
    expect(problems.map((p) => p.path)).toEqual([
      'levels.0.level',
      'levels.1.level',
      'levels.2.minTotal',
      'levels.3.level',
      'levels',
      'levels',
    ]);
    expect(problems.at(-1)!.message).toMatch(/mức 2/);
    expect(paths({ ...smallSet(), levels: [] })).toEqual(['levels']);
  });

  it('shares: 0 and 1 allowed, outside refused, at most four decimals', () => {
    const ok = smallSet();
    ok.levels[2]!.minGroupShare = 0;
    ok.levels[3]!.minGroupShare = 1;
    expect(validate(ok).problems).toEqual([]);
    const bad = smallSet();
    bad.levels[2]!.minGroupShare = -0.01;
    bad.levels[3]!.minGroupShare = 0.12345;
    expect(paths(bad)).toEqual(['levels.2.minGroupShare', 'levels.3.minGroupShare']);
  });

  it('indices: a negative threshold is refused', () => {
    const input = smallSet();
    input.levels[3]!.minIndex = { 'plans.tasksOnTimeShare': -1 };
    expect(paths(input)).toEqual(['levels.3.minIndex.plans.tasksOnTimeShare']);
  });

  it('checks responsible units against the commune units when they are given', () => {
    expect(paths(smallSet(), ['VHXH'])).toEqual([]);
    expect(paths(smallSet(), ['KT'])).toEqual(['groups.0.criteria.0.responsibleUnit']);
  });

  it('a criterion code may not reuse a group code', () => {
    const input = smallSet();
    input.groups[1]!.criteria[0]!.code = 'A';
    input.levels[2]!.mandatory = ['A1'];
    expect(paths(input)).toEqual(['groups.1.criteria.0.code']);
  });
});
