import { describe, expect, it } from 'vitest';
import {
  assessmentProblem,
  culturalFamilyShare,
  cultureTitleShare,
  meetsCulturalTitle,
  VILLAGE_MODEL_ITEM_KEYS,
} from './villages.ts';

const all = [...VILLAGE_MODEL_ITEM_KEYS];

describe('assessmentProblem', () => {
  it('accepts sound counts, including zero and equal', () => {
    expect(assessmentProblem({ households: 0, culturalFamilies: 0, modelItems: [] })).toBeNull();
    expect(assessmentProblem({ households: 10, culturalFamilies: 10, modelItems: all })).toBeNull();
  });
  it('refuses negatives, fractions, more titled families than households, unknown items', () => {
    expect(assessmentProblem({ households: -1, culturalFamilies: 0, modelItems: [] })?.message).toBe(
      'Số hộ không được âm.',
    );
    expect(assessmentProblem({ households: 10, culturalFamilies: -2, modelItems: [] })?.path).toBe(
      'culturalFamilies',
    );
    expect(assessmentProblem({ households: 1.5, culturalFamilies: 0, modelItems: [] })?.message).toMatch(
      /số nguyên/,
    );
    expect(assessmentProblem({ households: 10, culturalFamilies: 11, modelItems: [] })?.message).toMatch(
      /lớn hơn tổng số hộ/,
    );
    expect(assessmentProblem({ households: 10, culturalFamilies: 1, modelItems: ['x'] })?.path).toBe(
      'modelItems',
    );
  });
});

describe('meetsCulturalTitle', () => {
  it('needs 80% cultural families and every model item', () => {
    expect(meetsCulturalTitle({ households: 100, culturalFamilies: 80, modelItems: all })).toBe(true);
    expect(meetsCulturalTitle({ households: 100, culturalFamilies: 79, modelItems: all })).toBe(false);
    expect(meetsCulturalTitle({ households: 100, culturalFamilies: 95, modelItems: all.slice(1) })).toBe(
      false,
    );
    expect(meetsCulturalTitle({ households: 0, culturalFamilies: 0, modelItems: all })).toBe(false);
  });
  it('shares', () => {
    expect(culturalFamilyShare({ households: 0, culturalFamilies: 0 })).toBeNull();
    expect(culturalFamilyShare({ households: 4, culturalFamilies: 3 })).toBe(0.75);
    expect(cultureTitleShare(0, 0)).toBeNull();
    expect(cultureTitleShare(6, 3)).toBe(0.5);
  });
});
