import { describe, expect, it } from 'vitest';
import { daysLeft, doneOnTime, occurrenceStatus, remindersOwed } from './status.ts';

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
