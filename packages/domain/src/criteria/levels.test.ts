import { describe, expect, it } from 'vitest';
import { MEASURE_KEYS, smallSet } from './fixtures.ts';
import {
  evaluate,
  groupHoldsShare,
  indexHolds,
  missingFor,
  proposePoints,
  registrationOnTime,
  submissionOnTime,
} from './levels.ts';
import { type CriteriaSet, validateCriteriaSet } from './set.ts';

const set = validateCriteriaSet(smallSet(), MEASURE_KEYS).set!;
const full = { 'A1.1': 350, 'A1.2': 250, 'A2.1': 400, 'B1.1': 500, 'B1.2': 500 };
const good = { 'plans.tasksOnTimeShare': 0.95 };

describe('evaluate', () => {
  it('nothing scored is level 0 ("chưa đạt") with every criterion unmet', () => {
    const ev = evaluate(set, {});
    expect(ev).toMatchObject({ total: 0, maxTotal: 2000, level: 0 });
    expect(ev.criteria.every((c) => !c.met)).toBe(true);
  });

  it('full marks with the index reach level 4; without the index only level 3', () => {
    expect(evaluate(set, full, good).level).toBe(4);
    expect(evaluate(set, full, {}).level).toBe(3);
    expect(evaluate(set, full, { 'plans.tasksOnTimeShare': null }).level).toBe(3);
    expect(evaluate(set, full, { 'plans.tasksOnTimeShare': 0.9 }).level).toBe(4);
    expect(evaluate(set, full, { 'plans.tasksOnTimeShare': 0.8999 }).level).toBe(3);
  });

  it('a criterion is met at exactly its pass points and not a hundredth below', () => {
    const at = evaluate(set, { ...full, 'A1.1': 200 }); // A1 = 4.5 = pass
    expect(at.criteria.find((c) => c.code === 'A1')).toMatchObject({ points: 450, met: true });
    const below = evaluate(set, { ...full, 'A1.1': 199 });
    expect(below.criteria.find((c) => c.code === 'A1')).toMatchObject({ points: 449, met: false });
  });

  it('sums the groups and the total exactly', () => {
    const ev = evaluate(set, { 'A1.1': 10, 'A1.2': 20, 'A2.1': 1, 'B1.1': 333 });
    expect(ev.groups).toEqual([
      { code: 'A', name: 'Nhóm A', points: 31, maxPoints: 1000, deducted: 0 },
      { code: 'B', name: 'Nhóm B', points: 333, maxPoints: 1000, deducted: 0 },
    ]);
    expect(ev.total).toBe(364);
  });

  it('level 1 needs only the total: exactly minTotal passes, a hundredth less fails', () => {
    expect(evaluate(set, { 'B1.1': 500, 'B1.2': 500 }).level).toBe(1);
    expect(evaluate(set, { 'B1.1': 500, 'B1.2': 499 }).level).toBe(0);
  });

  it('a level above is not reached when a lower level fails, even if its own rules hold', () => {
    // level 2 needs A1 met; level 3's total is reached but it also asks level 2's rules
    const s: CriteriaSet = {
      ...set,
      levels: [
        { level: 1, minTotal: 0, mandatory: [], minGroupShare: null, minIndex: {} },
        { level: 2, minTotal: 0, mandatory: ['A1'], minGroupShare: null, minIndex: {} },
        { level: 3, minTotal: 0, mandatory: [], minGroupShare: null, minIndex: {} },
      ],
    };
    expect(evaluate(s, { ...full, 'A1.1': 0 }).level).toBe(1);
  });

  it('group share: exactly the share holds, one hundredth below does not', () => {
    // level 3: every group >= 0.7 of 10 points = 7
    const scores = { 'A1.1': 350, 'A1.2': 250, 'A2.1': 100, 'B1.1': 500, 'B1.2': 500 }; // A = 7.00
    expect(evaluate(set, scores).level).toBe(3);
    expect(evaluate(set, { ...scores, 'A2.1': 99 }).level).toBe(2);
  });

  it('accepts scores as a Map', () => {
    expect(evaluate(set, new Map(Object.entries(full)), good).level).toBe(4);
  });
});

describe('missingFor', () => {
  it('lists unmet mandatory criteria, points short, groups below and failing indices', () => {
    const scores = { 'A1.1': 100, 'A2.1': 400, 'B1.1': 499, 'B1.2': 0 };
    const ev = evaluate(set, scores);
    expect(ev.level).toBe(0); // 9.99 points, level 1 asks 10
    const m = missingFor(set, ev, 4, { 'plans.tasksOnTimeShare': 0.5 });
    expect(m).toMatchObject({
      reached: false,
      undefinedLevel: false,
      pointsShort: 801,
      unmetMandatory: ['A1', 'B1'],
      failingIndexes: [{ key: 'plans.tasksOnTimeShare', value: 0.5, required: 0.9 }],
    });
    expect(m.groupsBelow).toEqual([
      { code: 'A', points: 500, maxPoints: 1000, requiredShare: 0.9 },
      { code: 'B', points: 499, maxPoints: 1000, requiredShare: 0.9 },
    ]);
  });

  it('is empty when the level is reached', () => {
    const m = missingFor(set, evaluate(set, full, good), 4, good);
    expect(m).toEqual({
      level: 4,
      pointsShort: 0,
      unmetMandatory: [],
      groupsBelow: [],
      failingIndexes: [],
      reached: true,
      undefinedLevel: false,
    });
  });

  it('only the rules up to the target count', () => {
    const ev = evaluate(set, { 'B1.1': 500, 'B1.2': 500 });
    expect(missingFor(set, ev, 1)).toMatchObject({ reached: true, pointsShort: 0 });
    expect(missingFor(set, ev, 2)).toMatchObject({
      reached: false,
      pointsShort: 200,
      unmetMandatory: ['A1'],
    });
  });

  it('a target the set has no rule for is reported', () => {
    const s = { ...set, levels: set.levels.slice(0, 2) };
    expect(missingFor(s, evaluate(s, full), 3)).toMatchObject({ undefinedLevel: true, reached: false });
  });
});

describe('measured figures', () => {
  it('a ratio earns its share of the points, rounded to the hundredth', () => {
    expect(proposePoints('ratio', 0.5, 250)).toBe(125);
    expect(proposePoints('ratio', 1 / 3, 500)).toBe(167);
    expect(proposePoints('ratio', 1.2, 500)).toBe(500);
    expect(proposePoints('ratio', -1, 500)).toBe(0);
    expect(proposePoints('ratio', null, 500)).toBeNull();
  });
  it('yes/no and counts are all or nothing', () => {
    expect(proposePoints('boolean', 1, 500)).toBe(500);
    expect(proposePoints('boolean', 0, 500)).toBe(0);
    expect(proposePoints('count', 3, 500)).toBe(500);
    expect(proposePoints('count', 0, 500)).toBe(0);
    expect(proposePoints('count', Number.NaN, 500)).toBeNull();
  });
  it('indexHolds and groupHoldsShare compare without float drift', () => {
    expect(indexHolds(9 / 10, 0.9)).toBe(true);
    expect(indexHolds(0.1 + 0.2, 0.3)).toBe(true);
    expect(indexHolds(null, 0)).toBe(false);
    expect(groupHoldsShare(700, 1000, 7000)).toBe(true);
    expect(groupHoldsShare(699, 1000, 7000)).toBe(false);
    expect(groupHoldsShare(0, 0, 10_000)).toBe(true);
  });
});

describe('registrationOnTime (before 15/02, Asia/Ho_Chi_Minh)', () => {
  it('14/02 23:59 local is on time, 15/02 00:00 local is late', () => {
    expect(registrationOnTime(new Date('2026-02-14T16:59:59Z'), 2026)).toBe(true);
    expect(registrationOnTime(new Date('2026-02-14T17:00:00Z'), 2026)).toBe(false);
    // 14/02 20:00 UTC is already 15/02 in Việt Nam
    expect(registrationOnTime(new Date('2026-02-14T20:00:00Z'), 2026)).toBe(false);
  });
  it('a registration in the year before is on time, one the year after is late', () => {
    expect(registrationOnTime(new Date('2025-12-31T10:00:00Z'), 2026)).toBe(true);
    expect(registrationOnTime(new Date('2026-01-01T00:00:00Z'), 2027)).toBe(true);
    expect(registrationOnTime(new Date('2027-01-05T00:00:00Z'), 2026)).toBe(false);
  });
});

/** Cases nobody wrote by hand: random sets and scores against a plain reading of the rule. */
describe('the level rule on random cases', () => {
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s * 1664525 + 1013904223) >>> 0;
      return s / 2 ** 32;
    };
  }
  it('matches a direct reading of the rule on 2000 random cases', () => {
    const r = rng(20260215);
    const int = (n: number) => Math.floor(r() * n);
    for (let n = 0; n < 2000; n++) {
      const groups = Array.from({ length: 1 + int(3) }, (_, gi) => ({
        code: `G${gi}`,
        name: `Nhóm ${gi}`,
        criteria: Array.from({ length: 1 + int(3) }, (_, ci) => {
          const indicators = Array.from({ length: 1 + int(3) }, (_, ii) => ({
            code: `G${gi}.${ci}.${ii}`,
            name: 'x',
            maxPoints: (1 + int(1000)) / 100,
          }));
          const max = indicators.reduce((s, i) => s + Math.round(i.maxPoints * 100), 0) / 100;
          return {
            code: `G${gi}.${ci}`,
            name: 'x',
            maxPoints: max,
            passPoints: int(Math.round(max * 100) + 1) / 100,
            indicators,
          };
        }),
      }));
      const input = { ...smallSet(), groups, levels: [] as ReturnType<typeof smallSet>['levels'] };
      const total = groups.flatMap((g) => g.criteria).reduce((s, c) => s + Math.round(c.maxPoints * 100), 0);
      const codes = groups.flatMap((g) => g.criteria.map((c) => c.code));
      const levelCount = 1 + int(4);
      for (let l = 1; l <= levelCount; l++) {
        input.levels.push({
          level: l,
          minTotal: int(total + 1) / 100,
          mandatory: codes.filter(() => r() < 0.2),
          minGroupShare: r() < 0.5 ? int(101) / 100 : null,
          minIndex: r() < 0.3 ? { 'plans.tasksOnTimeShare': int(101) / 100 } : {},
        });
      }
      const { set: s, problems } = validateCriteriaSet(input, MEASURE_KEYS);
      expect(problems).toEqual([]);
      const scores: Record<string, number> = {};
      for (const g of groups)
        for (const c of g.criteria)
          for (const i of c.indicators) scores[i.code] = int(Math.round(i.maxPoints * 100) + 1);
      const index = r() < 0.2 ? null : int(101) / 100;
      // direct reading, in decimal numbers rounded only for comparison
      const pts = (code: string) => scores[code] ?? 0;
      const critPoints = (c: (typeof groups)[number]['criteria'][number]) =>
        c.indicators.reduce((t, i) => t + pts(i.code), 0);
      const totalPoints = groups.flatMap((g) => g.criteria).reduce((t, c) => t + critPoints(c), 0);
      const holds = (rule: (typeof input.levels)[number]) =>
        totalPoints >= Math.round(rule.minTotal * 100) &&
        (rule.mandatory ?? []).every((code) => {
          const c = groups.flatMap((g) => g.criteria).find((x) => x.code === code)!;
          return critPoints(c) >= Math.round((c.passPoints ?? c.maxPoints) * 100);
        }) &&
        (rule.minGroupShare == null ||
          groups.every((g) => {
            const p = g.criteria.reduce((t, c) => t + critPoints(c), 0);
            const m = g.criteria.reduce((t, c) => t + Math.round(c.maxPoints * 100), 0);
            return p * 100 >= Math.round(rule.minGroupShare! * 100) * m;
          })) &&
        Object.values(rule.minIndex ?? {}).every(
          (req) => index !== null && Math.round(index * 100) >= Math.round(req * 100),
        );
      let expected = 0;
      for (const rule of input.levels) {
        if (!holds(rule)) break;
        expected = rule.level;
      }
      const ev = evaluate(s!, scores, { 'plans.tasksOnTimeShare': index });
      expect(ev.total).toBe(totalPoints);
      expect(ev.level, `case ${n}`).toBe(expected);
      for (let target = 1; target <= levelCount; target++) {
        expect(missingFor(s!, ev, target, { 'plans.tasksOnTimeShare': index }).reached).toBe(
          expected >= target,
        );
      }
    }
  });
});

describe('submissionOnTime (before 12/11, Asia/Ho_Chi_Minh)', () => {
  it('on time through 11/11 in Việt Nam, late from 12/11', () => {
    expect(submissionOnTime(new Date('2026-11-11T16:59:59Z'), 2026)).toBe(true);
    expect(submissionOnTime(new Date('2026-11-11T17:00:00Z'), 2026)).toBe(false);
    expect(submissionOnTime(new Date('2026-11-05T03:00:00Z'), 2026)).toBe(true);
    expect(submissionOnTime(new Date('2026-12-01T03:00:00Z'), 2026)).toBe(false);
    expect(submissionOnTime(new Date('2027-01-02T03:00:00Z'), 2026)).toBe(false);
    expect(submissionOnTime(new Date('2025-12-30T03:00:00Z'), 2026)).toBe(true);
  });
});
