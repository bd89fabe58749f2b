import { describe, expect, it } from 'vitest';
import { formatPoints, fromHundredths, scoreProblem, sumHundredths, toHundredths } from './points.ts';

describe('toHundredths', () => {
  it('keeps two decimals exactly, including values floats cannot hold', () => {
    expect(toHundredths(0)).toBe(0);
    expect(toHundredths(-0)).toBe(0);
    expect(toHundredths(12.5)).toBe(1250);
    expect(toHundredths(0.29)).toBe(29);
    expect(toHundredths(1.15)).toBe(115);
    expect(toHundredths(100)).toBe(10_000);
    expect(toHundredths(0.01)).toBe(1);
    expect(toHundredths(9999.99)).toBe(999_999);
  });
  it('refuses a third decimal, NaN and infinities', () => {
    expect(toHundredths(0.125)).toBeNull();
    expect(toHundredths(1.005)).toBeNull();
    expect(toHundredths(0.001)).toBeNull();
    expect(toHundredths(Number.NaN)).toBeNull();
    expect(toHundredths(Number.POSITIVE_INFINITY)).toBeNull();
    expect(toHundredths('1' as unknown as number)).toBeNull();
  });
  it('every two-decimal number from 0 to 100 round-trips', () => {
    for (let h = 0; h <= 10_000; h++) {
      const asNumber = Number((h / 100).toFixed(2));
      expect(toHundredths(asNumber)).toBe(h);
      expect(fromHundredths(h)).toBe(asNumber);
    }
  });
});

describe('sums are exact', () => {
  it('0.1 + 0.2 is 0.3', () => {
    expect(fromHundredths(sumHundredths([toHundredths(0.1)!, toHundredths(0.2)!]))).toBe(0.3);
  });
  it('a hundred times 0.01 is 1, and ten thousand times 0.01 is 100', () => {
    expect(sumHundredths(Array(100).fill(1))).toBe(100);
    expect(fromHundredths(sumHundredths(Array(10_000).fill(toHundredths(0.01)!)))).toBe(100);
  });
});

describe('formatPoints', () => {
  it('writes a decimal comma without trailing zeros', () => {
    expect(formatPoints(1250)).toBe('12,5');
    expect(formatPoints(1205)).toBe('12,05');
    expect(formatPoints(10_000)).toBe('100');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(1)).toBe('0,01');
    expect(formatPoints(-150)).toBe('-1,5');
  });
});

describe('scoreProblem', () => {
  it('accepts 0, the maximum and any two-decimal value between', () => {
    expect(scoreProblem(0, 500)).toBeNull();
    expect(scoreProblem(5, 500)).toBeNull();
    expect(scoreProblem(4.99, 500)).toBeNull();
    expect(scoreProblem(0.01, 500)).toBeNull();
  });
  it('refuses negatives, more than the maximum, and three decimals', () => {
    expect(scoreProblem(-0.01, 500)).toMatch(/âm/);
    expect(scoreProblem(5.01, 500)).toMatch(/vượt quá điểm tối đa \(5\)/);
    expect(scoreProblem(4.999, 500)).toMatch(/hai chữ số thập phân/);
    expect(scoreProblem(Number.NaN, 500)).toMatch(/hai chữ số thập phân/);
  });
});
