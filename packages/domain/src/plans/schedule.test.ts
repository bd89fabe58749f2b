import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatVietnameseDate, parseIsoDate, vietnamDate } from './dates.ts';
import {
  describeSchedule,
  occurrenceIn,
  type Schedule,
  scheduleProblem,
  taskOccurrenceIn,
} from './schedule.ts';

const period = { fromYear: 2026, toYear: 2030 };

describe('the Bình Giang plan, read as the seed words it', () => {
  it('task 3 "trước ngày 15/02 hằng năm" is due 14/02 each year', () => {
    const s: Schedule = { kind: 'before_date', day: 15, month: 2 };
    expect(occurrenceIn(s, 2026)).toEqual({ year: 2026, opensOn: '2026-01-01', dueDate: '2026-02-14' });
    expect(occurrenceIn(s, 2030)?.dueDate).toBe('2030-02-14');
    expect(describeSchedule(s)).toBe('Trước ngày 15/02 hằng năm');
  });

  it('task 5 "trước ngày 12/11 hằng năm" is due 11/11', () => {
    expect(occurrenceIn({ kind: 'before_date', day: 12, month: 11 }, 2026)?.dueDate).toBe('2026-11-11');
  });

  it('tasks 6 and 7 "tháng 12 hằng năm" run through December', () => {
    expect(occurrenceIn({ kind: 'within_month', month: 12 }, 2026)).toEqual({
      year: 2026,
      opensOn: '2026-12-01',
      dueDate: '2026-12-31',
    });
    expect(describeSchedule({ kind: 'within_month', month: 12 })).toBe('Tháng 12 hằng năm');
  });

  it('task 4 "thường xuyên" has an occurrence each year with no due date', () => {
    expect(occurrenceIn({ kind: 'continuous' }, 2027)).toEqual({
      year: 2027,
      opensOn: '2027-01-01',
      dueDate: null,
    });
    expect(describeSchedule({ kind: 'continuous' })).toBe('Thường xuyên');
  });

  it('task 1 "hằng năm" is due by the end of each year', () => {
    expect(occurrenceIn({ kind: 'yearly' }, 2028)?.dueDate).toBe('2028-12-31');
  });

  it('task 10 "năm 2027 và năm 2030" has occurrences only in those years', () => {
    const s: Schedule = { kind: 'named_years', years: [2030, 2027] };
    const years = [2026, 2027, 2028, 2029, 2030].filter((y) => taskOccurrenceIn(s, y, period));
    expect(years).toEqual([2027, 2030]);
    expect(describeSchedule(s)).toBe('Năm 2027 và năm 2030');
  });
});

describe('edges', () => {
  it('29 February: in a leap year the day before, otherwise the last day of February', () => {
    const s: Schedule = { kind: 'before_date', day: 29, month: 2 };
    expect(scheduleProblem(s)).toBeNull();
    expect(occurrenceIn(s, 2028)?.dueDate).toBe('2028-02-28');
    expect(occurrenceIn(s, 2026)?.dueDate).toBe('2026-02-28');
    expect(occurrenceIn({ kind: 'before_date', day: 1, month: 3 }, 2028)?.dueDate).toBe('2028-02-29');
    expect(occurrenceIn({ kind: 'before_date', day: 1, month: 3 }, 2027)?.dueDate).toBe('2027-02-28');
    expect(occurrenceIn({ kind: 'within_month', month: 2 }, 2028)?.dueDate).toBe('2028-02-29');
    expect(occurrenceIn({ kind: 'within_month', month: 2 }, 2100)?.dueDate).toBe('2100-02-28');
  });

  it('before 01/01 falls due on the last day of the previous year', () => {
    expect(occurrenceIn({ kind: 'before_date', day: 1, month: 1 }, 2027)).toEqual({
      year: 2027,
      opensOn: '2026-01-01',
      dueDate: '2026-12-31',
    });
  });

  it('the first of a month falls due on the last day of the month before', () => {
    expect(occurrenceIn({ kind: 'before_date', day: 1, month: 5 }, 2026)?.dueDate).toBe('2026-04-30');
  });

  it('refuses days that are not in the calendar, in Vietnamese', () => {
    expect(scheduleProblem({ kind: 'before_date', day: 31, month: 2 })).toBe(
      'Ngày 31/02 không có trong lịch.',
    );
    expect(scheduleProblem({ kind: 'before_date', day: 30, month: 2 })).toMatch(/không có trong lịch/);
    expect(scheduleProblem({ kind: 'before_date', day: 31, month: 4 })).toMatch(/31\/04/);
    expect(scheduleProblem({ kind: 'before_date', day: 0, month: 4 })).toMatch(/không có trong lịch/);
    expect(scheduleProblem({ kind: 'before_date', day: 31, month: 12 })).toBeNull();
    expect(scheduleProblem({ kind: 'before_date', day: 1, month: 13 })).toMatch(/Tháng 13/);
    expect(scheduleProblem({ kind: 'before_date', day: 1.5, month: 1 })).toMatch(/không có trong lịch/);
    expect(scheduleProblem({ kind: 'within_month', month: 0 })).toMatch(/Tháng 0/);
    expect(scheduleProblem({ kind: 'once', date: '2026-02-30' })).toMatch(/không có trong lịch/);
    expect(scheduleProblem({ kind: 'once', date: '2026-06-30' })).toBeNull();
    expect(scheduleProblem({ kind: 'named_years', years: [] })).toMatch(/ít nhất một năm/);
    expect(scheduleProblem({ kind: 'named_years', years: [2027, 2027] })).toMatch(/lặp/);
    expect(scheduleProblem({ kind: 'named_years', years: [27] })).toMatch(/Năm 27/);
    expect(scheduleProblem({ kind: 'continuous' })).toBeNull();
    expect(scheduleProblem({ kind: 'yearly' })).toBeNull();
  });

  it('a one-off date belongs to its own year only', () => {
    const s: Schedule = { kind: 'once', date: '2027-06-30' };
    expect(occurrenceIn(s, 2027)?.dueDate).toBe('2027-06-30');
    expect(occurrenceIn(s, 2026)).toBeNull();
    expect(describeSchedule(s)).toBe('Ngày 30/06/2027');
  });

  it('no occurrence outside the plan period; an open-ended plan goes on', () => {
    const s: Schedule = { kind: 'yearly' };
    expect(taskOccurrenceIn(s, 2025, period)).toBeNull();
    expect(taskOccurrenceIn(s, 2031, period)).toBeNull();
    expect(taskOccurrenceIn(s, 2031, { fromYear: 2026, toYear: null })?.dueDate).toBe('2031-12-31');
    // named years outside the period are ignored
    expect(taskOccurrenceIn({ kind: 'named_years', years: [2025, 2032] }, 2025, period)).toBeNull();
    expect(taskOccurrenceIn({ kind: 'named_years', years: [2025, 2032] }, 2032, period)).toBeNull();
  });

  it("a task added after this year's due date starts next year; added on the due date it still counts", () => {
    const s: Schedule = { kind: 'before_date', day: 15, month: 2 };
    expect(taskOccurrenceIn(s, 2026, period, '2026-04-20')).toBeNull();
    expect(taskOccurrenceIn(s, 2027, period, '2026-04-20')?.dueDate).toBe('2027-02-14');
    expect(taskOccurrenceIn(s, 2026, period, '2026-02-14')?.dueDate).toBe('2026-02-14');
    expect(taskOccurrenceIn({ kind: 'within_month', month: 12 }, 2026, period, '2026-04-20')?.dueDate).toBe(
      '2026-12-31',
    );
    expect(taskOccurrenceIn({ kind: 'continuous' }, 2026, period, '2026-04-20')?.dueDate).toBeNull();
    expect(taskOccurrenceIn({ kind: 'continuous' }, 2026, period, '2027-01-05')).toBeNull();
  });
});

describe('dates', () => {
  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseIsoDate('2026-02-29')).toBeNull();
    expect(parseIsoDate('2026-13-01')).toBeNull();
    expect(parseIsoDate('2026-1-01')).toBeNull();
    expect(parseIsoDate('hôm nay')).toBeNull();
  });

  it('adds days across months and years, and counts days between', () => {
    expect(addDays('2026-02-14', -30)).toBe('2026-01-15');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-02-07', '2026-02-14')).toBe(7);
    expect(daysBetween('2026-02-15', '2026-02-14')).toBe(-1);
  });

  it('takes today in Việt Nam, which is UTC+7', () => {
    expect(vietnamDate(new Date('2026-02-14T16:59:59Z'))).toBe('2026-02-14');
    expect(vietnamDate(new Date('2026-02-14T17:00:00Z'))).toBe('2026-02-15');
    expect(formatVietnameseDate('2026-02-05')).toBe('05/02/2026');
  });
});
