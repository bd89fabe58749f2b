import { describe, expect, it } from 'vitest';
import {
  counterResult,
  counterResultFromCounts,
  formatIndex,
  isSatisfied,
  isScore,
  overallIndex,
  questionnaireResult,
  tallyIndex,
  tallyResponses,
} from './indices.ts';
import { SIPAS_QUESTIONNAIRE } from './questionnaire.ts';

describe('satisfied and scores', () => {
  it('satisfied means exactly 4 or 5', () => {
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([false, false, false, true, true]);
    expect(isSatisfied(0)).toBe(false);
    expect(isSatisfied(6)).toBe(false);
    expect(isSatisfied(4.5)).toBe(false);
  });
  it('a score is a whole number 1..5', () => {
    expect([1, 5].every(isScore)).toBe(true);
    for (const bad of [0, 6, 2.5, '4', null, undefined, Number.NaN]) expect(isScore(bad)).toBe(false);
  });
});

describe('element index = satisfied / answers', () => {
  it('is null without answers, never 0', () => {
    expect(tallyIndex({ answers: 0, satisfied: 0 })).toBeNull();
  });
  it('is exact on small counts', () => {
    expect(tallyIndex({ answers: 3, satisfied: 2 })).toBeCloseTo(2 / 3, 12);
    expect(tallyIndex({ answers: 4, satisfied: 0 })).toBe(0);
    expect(tallyIndex({ answers: 4, satisfied: 4 })).toBe(1);
  });
  it('refuses impossible tallies', () => {
    expect(() => tallyIndex({ answers: 2, satisfied: 3 })).toThrow();
    expect(() => tallyIndex({ answers: -1, satisfied: 0 })).toThrow();
    expect(() => tallyIndex({ answers: 1.5, satisfied: 1 })).toThrow();
  });
});

describe('overall = mean of the element indices that exist', () => {
  it('skips elements without answers', () => {
    expect(overallIndex([1, null, 0.5, null])).toBe(0.75);
  });
  it('is null when no element has answers', () => {
    expect(overallIndex([null, null])).toBeNull();
    expect(overallIndex([])).toBeNull();
  });
  it('is not weighted by the number of answers', () => {
    // element A: 1/1, element B: 0/99 -> (1 + 0) / 2, not 1/100
    const r = questionnaireResult(
      [
        { key: 'a', name: 'A', questions: [{ key: 'a1' }] },
        { key: 'b', name: 'B', questions: [{ key: 'b1' }] },
      ],
      99,
      { a1: { answers: 1, satisfied: 1 }, b1: { answers: 99, satisfied: 0 } },
    );
    expect(r.overall).toBe(0.5);
  });
});

describe('questionnaire result, hand-computed fixture', () => {
  // Four citizens answer the SIPAS form; nobody answers "gop_y" (feedback handling).
  const responses: Record<string, number>[] = [
    { tiep_can_1: 5, tiep_can_2: 4, thu_tuc_1: 3, cong_chuc_1: 5, ket_qua_1: 2 },
    { tiep_can_1: 4, thu_tuc_1: 4, thu_tuc_2: 5, cong_chuc_1: 5, cong_chuc_2: 4 },
    { tiep_can_1: 1, thu_tuc_2: 2, cong_chuc_2: 3, ket_qua_2: 5 },
    { tiep_can_2: 5, ket_qua_1: 4, ket_qua_2: 4 },
  ];
  const r = questionnaireResult(SIPAS_QUESTIONNAIRE.elements, responses.length, tallyResponses(responses));
  const byKey = Object.fromEntries(r.elements.map((e) => [e.key, e]));

  it('counts every answered question as one answer of its element', () => {
    // tiep_can: 5,4,4,1,5 -> 4 of 5
    expect(byKey.tiep_can).toMatchObject({ answers: 5, satisfied: 4, index: 0.8 });
    // thu_tuc: 3,4,5,2 -> 2 of 4
    expect(byKey.thu_tuc).toMatchObject({ answers: 4, satisfied: 2, index: 0.5 });
    // cong_chuc: 5,5,4,3 -> 3 of 4
    expect(byKey.cong_chuc).toMatchObject({ answers: 4, satisfied: 3, index: 0.75 });
    // ket_qua: 2,5,4,4 -> 3 of 4
    expect(byKey.ket_qua).toMatchObject({ answers: 4, satisfied: 3, index: 0.75 });
  });
  it('an element nobody answered has no index and is left out of the overall', () => {
    expect(byKey.gop_y).toMatchObject({ answers: 0, satisfied: 0, index: null });
    expect(r.overall).toBeCloseTo((0.8 + 0.5 + 0.75 + 0.75) / 4, 12);
    expect(r.responses).toBe(4);
    expect(formatIndex(byKey.gop_y!.index)).toBe('chưa có dữ liệu');
  });
  it('keeps the elements in the questionnaire order with their names', () => {
    expect(r.elements.map((e) => e.key)).toEqual(['tiep_can', 'thu_tuc', 'cong_chuc', 'ket_qua', 'gop_y']);
    expect(r.elements[0]!.name).toBe('Tiếp cận dịch vụ');
  });
  it('ignores answers to keys no element owns', () => {
    const extra = questionnaireResult(SIPAS_QUESTIONNAIRE.elements, 1, tallyResponses([{ old_q: 5 }]));
    expect(extra.overall).toBeNull();
  });
  it('accepts a Map or a plain object of tallies', () => {
    const viaObject = questionnaireResult(
      SIPAS_QUESTIONNAIRE.elements,
      4,
      Object.fromEntries(tallyResponses(responses)),
    );
    expect(viaObject).toEqual(r);
  });
});

describe('counter index for one-tap ratings', () => {
  it('counts 4 and 5 as satisfied', () => {
    expect(counterResult([5, 4, 3, 2, 1, 5])).toEqual({ ratings: 6, satisfied: 3, index: 0.5 });
  });
  it('has no index without ratings', () => {
    expect(counterResult([])).toEqual({ ratings: 0, satisfied: 0, index: null });
    expect(counterResultFromCounts([0, 0, 0, 0, 0])).toEqual({ ratings: 0, satisfied: 0, index: null });
  });
  it('from counts per score', () => {
    expect(counterResultFromCounts([1, 2, 3, 4, 10])).toEqual({ ratings: 20, satisfied: 14, index: 0.7 });
    expect(counterResultFromCounts([])).toEqual({ ratings: 0, satisfied: 0, index: null });
  });
});

describe('formatting', () => {
  it('writes a Vietnamese percentage', () => {
    expect(formatIndex(0.925)).toBe('92,5%');
    expect(formatIndex(1)).toBe('100,0%');
    expect(formatIndex(0)).toBe('0,0%');
    expect(formatIndex(2 / 3, 2)).toBe('66,67%');
    expect(formatIndex(null)).toBe('chưa có dữ liệu');
  });
});
