import { describe, expect, it } from 'vitest';
import { BURST_MIN_RATINGS, isRatingBurst, MAX_VOID_DAYS, voidWindowProblem } from './floods.ts';

describe('isRatingBurst', () => {
  it('an address: 10 ratings in an hour, or any refusal', () => {
    expect(isRatingBurst({ sourceKind: 'address', ratings: 9, refused: 0 })).toBe(false);
    expect(isRatingBurst({ sourceKind: 'address', ratings: 10, refused: 0 })).toBe(true);
    expect(isRatingBurst({ sourceKind: 'address', ratings: 0, refused: 1 })).toBe(true);
    expect(isRatingBurst({ sourceKind: 'address', ratings: 0, refused: 0 })).toBe(false);
  });

  it('a registered tablet: one a minute is a counter’s most, so 60; or any refusal', () => {
    expect(BURST_MIN_RATINGS.kiosk).toBe(60);
    expect(isRatingBurst({ sourceKind: 'kiosk', ratings: 59, refused: 0 })).toBe(false);
    expect(isRatingBurst({ sourceKind: 'kiosk', ratings: 60, refused: 0 })).toBe(true);
    expect(isRatingBurst({ sourceKind: 'kiosk', ratings: 12, refused: 1 })).toBe(true);
  });
});

describe('voidWindowProblem', () => {
  const at = (iso: string) => new Date(iso);
  it('accepts a window up to the limit, both ends as given', () => {
    expect(voidWindowProblem(at('2026-11-29T01:00:00Z'), at('2026-11-29T02:00:00Z'))).toBeNull();
    const from = at('2026-11-01T00:00:00Z');
    expect(voidWindowProblem(from, new Date(from.getTime() + MAX_VOID_DAYS * 86_400_000))).toBeNull();
    expect(voidWindowProblem(from, new Date(from.getTime() + MAX_VOID_DAYS * 86_400_000 + 1))).toMatch(
      /31 ngày/,
    );
  });
  it('refuses empty, reversed, too long and invalid windows in Vietnamese', () => {
    expect(voidWindowProblem(at('2026-11-29T02:00:00Z'), at('2026-11-29T02:00:00Z'))).toMatch(/sau/);
    expect(voidWindowProblem(at('2026-11-29T03:00:00Z'), at('2026-11-29T02:00:00Z'))).toMatch(/sau/);
    expect(voidWindowProblem(at('2026-10-01T00:00:00Z'), at('2026-11-02T00:00:01Z'))).toMatch(/31 ngày/);
    expect(voidWindowProblem(at('hôm qua'), at('2026-11-29T02:00:00Z'))).toMatch(/không hợp lệ/);
  });
});
