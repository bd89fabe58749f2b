import { describe, expect, it } from 'vitest';
import { assessmentGaps, levelBelowRegistered, UNSCORED_SHOWN } from './gaps.ts';

const codes = (n: number) => Array.from({ length: n }, (_, i) => `I.${i + 1}`);
const unscored = (n: number) => codes(n).map((code) => ({ code, points: null }));

describe('assessmentGaps', () => {
  it('a file with no indicators and no registration lacks nothing', () => {
    const g = assessmentGaps({ indicators: [], level: 0, registeredLevel: null });
    expect(g).toEqual({
      unscored: [],
      shown: [],
      more: 0,
      level: 0,
      registeredLevel: null,
      belowRegistered: false,
      complete: true,
    });
  });

  it('every indicator scored and the registered level reached: complete', () => {
    const g = assessmentGaps({
      indicators: [
        { code: 'I.1', points: 10 },
        { code: 'I.2', points: 4.5 },
      ],
      level: 3,
      registeredLevel: 3,
    });
    expect(g.unscored).toEqual([]);
    expect(g.belowRegistered).toBe(false);
    expect(g.complete).toBe(true);
  });

  it('0 points is a score, not a gap', () => {
    const g = assessmentGaps({ indicators: [{ code: 'I.1', points: 0 }], level: 1, registeredLevel: 1 });
    expect(g.unscored).toEqual([]);
    expect(g.complete).toBe(true);
  });

  it('lists unscored indicators in the order of the set', () => {
    const g = assessmentGaps({
      indicators: [
        { code: 'II.1', points: null },
        { code: 'I.1', points: 3 },
        { code: 'I.2', points: null },
      ],
      level: 2,
      registeredLevel: 2,
    });
    expect(g.unscored).toEqual(['II.1', 'I.2']);
    expect(g.shown).toEqual(['II.1', 'I.2']);
    expect(g.more).toBe(0);
    expect(g.complete).toBe(false);
  });

  it(`names exactly ${UNSCORED_SHOWN} codes with nothing more`, () => {
    const g = assessmentGaps({ indicators: unscored(UNSCORED_SHOWN), level: 0, registeredLevel: null });
    expect(g.shown).toHaveLength(UNSCORED_SHOWN);
    expect(g.more).toBe(0);
  });

  it(`names the first ${UNSCORED_SHOWN} and counts the rest`, () => {
    const g = assessmentGaps({ indicators: unscored(UNSCORED_SHOWN + 1), level: 0, registeredLevel: null });
    expect(g.shown).toEqual(codes(UNSCORED_SHOWN));
    expect(g.more).toBe(1);
    expect(g.unscored).toHaveLength(UNSCORED_SHOWN + 1);
  });

  it('a smaller limit names fewer; a limit of 0 names none and counts all', () => {
    expect(assessmentGaps({ indicators: unscored(5), level: 0, registeredLevel: null }, 3)).toMatchObject({
      shown: ['I.1', 'I.2', 'I.3'],
      more: 2,
    });
    expect(assessmentGaps({ indicators: unscored(5), level: 0, registeredLevel: null }, 0)).toMatchObject({
      shown: [],
      more: 5,
    });
  });

  it('a negative, fractional or infinite limit falls back to a sensible count', () => {
    expect(assessmentGaps({ indicators: unscored(3), level: 0, registeredLevel: null }, -2).shown).toEqual(
      [],
    );
    expect(assessmentGaps({ indicators: unscored(3), level: 0, registeredLevel: null }, 1.9).shown).toEqual([
      'I.1',
    ]);
    expect(
      assessmentGaps({ indicators: unscored(12), level: 0, registeredLevel: null }, Number.NaN).shown,
    ).toHaveLength(UNSCORED_SHOWN);
  });

  it('a level below the registration is a gap even when every indicator is scored', () => {
    const g = assessmentGaps({ indicators: [{ code: 'I.1', points: 1 }], level: 2, registeredLevel: 3 });
    expect(g.belowRegistered).toBe(true);
    expect(g.complete).toBe(false);
    expect(g).toMatchObject({ level: 2, registeredLevel: 3 });
  });

  it('"chưa đạt" (level 0) is below any registered level', () => {
    expect(assessmentGaps({ indicators: [], level: 0, registeredLevel: 1 }).belowRegistered).toBe(true);
  });
});

describe('levelBelowRegistered', () => {
  it('one level short is below', () => expect(levelBelowRegistered(2, 3)).toBe(true));
  it('the same level is not below', () => expect(levelBelowRegistered(3, 3)).toBe(false));
  it('a level above the registration is not below', () => expect(levelBelowRegistered(4, 3)).toBe(false));
  it('without a registration nothing is below', () => {
    expect(levelBelowRegistered(0, null)).toBe(false);
  });
  it('level 0 registered: nothing is below it', () => expect(levelBelowRegistered(0, 0)).toBe(false));
});
