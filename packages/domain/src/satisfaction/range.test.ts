import { describe, expect, it } from 'vitest';
import { last12Months, periodKey, vietnamDayStart, vietnamRange } from './range.ts';

describe('periods in Asia/Ho_Chi_Minh, both ends included', () => {
  it('a Vietnamese day starts at 17:00 UTC the day before', () => {
    expect(vietnamDayStart('2026-11-29').toISOString()).toBe('2026-11-28T17:00:00.000Z');
  });
  it('from..to covers from 00:00 to the end of `to`', () => {
    const r = vietnamRange('2026-01-01', '2026-12-31');
    expect(r).toEqual({
      start: new Date('2025-12-31T17:00:00Z'),
      end: new Date('2026-12-31T17:00:00Z'),
      days: 365,
    });
  });
  it('one day', () => {
    const r = vietnamRange('2026-11-29', '2026-11-29');
    expect('days' in r && r.days).toBe(1);
  });
  it('a rating at 23:59 Việt Nam time on the last day is in, one at 00:00 the next day is out', () => {
    const r = vietnamRange('2026-11-01', '2026-11-29');
    if (!('start' in r)) throw new Error('range');
    const lateEvening = new Date('2026-11-29T16:59:59Z');
    const nextMorning = new Date('2026-11-29T17:00:00Z');
    expect(lateEvening >= r.start && lateEvening < r.end).toBe(true);
    expect(nextMorning < r.end).toBe(false);
    const earlyFirst = new Date('2026-10-31T17:00:00Z');
    expect(earlyFirst >= r.start).toBe(true);
  });
  it('refuses unreal, reversed and too long periods', () => {
    expect(vietnamRange('2026-02-30', '2026-03-01')).toEqual({
      problem: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD).',
    });
    expect(vietnamRange('2026-03-01', '2026-3-1')).toEqual({
      problem: 'Ngày kết thúc không hợp lệ (YYYY-MM-DD).',
    });
    expect(vietnamRange('2026-03-02', '2026-03-01')).toEqual({
      problem: 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.',
    });
    expect(vietnamRange('2020-01-01', '2026-01-01')).toHaveProperty('problem');
    expect(vietnamRange('2026-01-01', '2026-01-10', 9)).toEqual({
      problem: 'Khoảng thời gian tối đa là 9 ngày.',
    });
  });
  it('last 12 months ends today and starts the day after the same date a year ago', () => {
    expect(last12Months('2026-11-29')).toEqual({ from: '2025-11-30', to: '2026-11-29' });
    expect(last12Months('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(last12Months('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' });
    expect(() => last12Months('2026-13-01')).toThrow();
  });
  it('buckets by Vietnamese day, month and year', () => {
    const newYearEveUtc = new Date('2026-12-31T17:30:00Z'); // 00:30 on 01/01/2027 in Việt Nam
    expect(periodKey(newYearEveUtc, 'day')).toBe('2027-01-01');
    expect(periodKey(newYearEveUtc, 'month')).toBe('2027-01');
    expect(periodKey(newYearEveUtc, 'year')).toBe('2027');
  });
});
