import { describe, expect, it } from 'vitest';
import { daysLeft, doneOnTime, occurrenceStatus, reminderOffsetsProblem, remindersOwed } from './status.ts';

const due = '2026-02-14';
const open = { dueDate: due, completedOn: null, progress: 0 };

describe('occurrenceStatus', () => {
  it('moves from not started to in progress to done', () => {
    expect(occurrenceStatus(open, '2026-01-10')).toBe('not_started');
    expect(occurrenceStatus({ ...open, progress: 40 }, '2026-01-10')).toBe('in_progress');
    expect(occurrenceStatus({ ...open, progress: 100, completedOn: '2026-02-01' }, '2026-01-10')).toBe(
      'done',
    );
  });

  it('is on time on the due date and overdue the day after', () => {
    expect(occurrenceStatus(open, due)).toBe('not_started');
    expect(occurrenceStatus({ ...open, progress: 90 }, '2026-02-15')).toBe('overdue');
    expect(occurrenceStatus({ ...open, completedOn: '2026-03-01' }, '2026-04-01')).toBe('done');
  });

  it('continuous work is never overdue', () => {
    expect(occurrenceStatus({ dueDate: null, completedOn: null, progress: 0 }, '2030-12-31')).toBe(
      'not_started',
    );
  });
});

describe('doneOnTime and daysLeft', () => {
  it('done on the due date is on time, a day later is not', () => {
    expect(doneOnTime({ ...open, completedOn: due })).toBe(true);
    expect(doneOnTime({ ...open, completedOn: '2026-02-15' })).toBe(false);
    expect(doneOnTime(open)).toBe(false);
    expect(doneOnTime({ dueDate: null, completedOn: '2026-05-01', progress: 100 })).toBe(true);
  });

  it('counts days left, zero on the day, negative after', () => {
    expect(daysLeft(due, '2026-02-07')).toBe(7);
    expect(daysLeft(due, due)).toBe(0);
    expect(daysLeft(due, '2026-02-16')).toBe(-2);
    expect(daysLeft(null, due)).toBeNull();
  });
});

describe('remindersOwed', () => {
  it('owes nothing before the first offset', () => {
    expect(remindersOwed(open, '2026-01-14')).toEqual([]);
  });
  it('owes the 30-day reminder from 30 days before, then the 7-day, then the 1-day', () => {
    expect(remindersOwed(open, '2026-01-15')).toEqual(['before_30']);
    expect(remindersOwed(open, '2026-02-06')).toEqual(['before_30']);
    expect(remindersOwed(open, '2026-02-07')).toEqual(['before_7']);
    expect(remindersOwed(open, '2026-02-13')).toEqual(['before_1']);
    expect(remindersOwed(open, due)).toEqual(['before_1']);
  });
  it('owes the overdue notice from the day after, and nothing once done or without a due date', () => {
    expect(remindersOwed(open, '2026-02-15')).toEqual(['overdue']);
    expect(remindersOwed({ ...open, completedOn: '2026-02-10' }, '2026-02-15')).toEqual([]);
    expect(remindersOwed({ dueDate: null, completedOn: null, progress: 0 }, due)).toEqual([]);
  });
  it('takes configured offsets in any order, ignoring repeats and nonsense', () => {
    expect(remindersOwed(open, '2026-02-10', [7, 14, 7, 0, -3, 2.5])).toEqual(['before_7']);
    expect(remindersOwed(open, '2026-02-10', [])).toEqual([]);
  });
});

describe('reminderOffsetsProblem', () => {
  it('accepts the default, a single day, five days, the edges 1 and 365, and no day at all', () => {
    for (const ok of [[30, 7, 1], [1], [365], [60, 30, 14, 7, 1], []]) {
      expect(reminderOffsetsProblem(ok), JSON.stringify(ok)).toBeNull();
    }
  });

  it('refuses 0, negative, more than a year and fractional days, naming the value', () => {
    expect(reminderOffsetsProblem([0])).toBe(
      'Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 365 (không nhận 0).',
    );
    expect(reminderOffsetsProblem([7, -1])).toMatch(/không nhận -1/);
    expect(reminderOffsetsProblem([366])).toMatch(/không nhận 366/);
    expect(reminderOffsetsProblem([1.5])).toMatch(/không nhận 1.5/);
    expect(reminderOffsetsProblem([Number.NaN])).toMatch(/không nhận NaN/);
  });

  it('refuses a repeated day and more than five reminders', () => {
    expect(reminderOffsetsProblem([7, 7])).toBe('Mỗi số ngày nhắc chỉ ghi một lần.');
    expect(reminderOffsetsProblem([1, 2, 3, 4, 5, 6])).toBe('Tối đa 5 lần nhắc trước hạn.');
  });

  it('with no day before, only the overdue reminder is owed', () => {
    const state = { dueDate: '2026-03-31', completedOn: null, progress: 0 } as const;
    expect(remindersOwed(state, '2026-03-30', [])).toEqual([]);
    expect(remindersOwed(state, '2026-04-01', [])).toEqual(['overdue']);
  });
});
