import { describe, expect, it } from 'vitest';
import { compareWork, weekEnd, workUrgency } from './work.ts';

describe('weekEnd: the Sunday of the week (Monday to Sunday)', () => {
  it.each([
    ['2026-11-30', '2026-12-06'], // Monday
    ['2026-12-02', '2026-12-06'], // Wednesday
    ['2026-12-05', '2026-12-06'], // Saturday
    ['2026-12-06', '2026-12-06'], // Sunday ends its own week
    ['2026-12-28', '2027-01-03'], // across the year
    ['2028-02-26', '2028-02-27'], // Saturday before a leap day
    ['2028-02-28', '2028-03-05'], // Monday, across 29/02
  ])('%s → %s', (day, sunday) => {
    expect(weekEnd(day)).toBe(sunday);
  });
  it('refuses what is not a date', () => {
    expect(() => weekEnd('2026-02-30')).toThrow();
  });
});

describe('workUrgency', () => {
  const today = '2026-12-02'; // a Wednesday
  it.each([
    ['2026-12-01', 'overdue'],
    ['2025-12-31', 'overdue'],
    ['2026-12-02', 'today'],
    ['2026-12-03', 'week'],
    ['2026-12-06', 'week'],
    ['2026-12-07', 'later'],
    ['2027-01-01', 'later'],
  ] as const)('due %s → %s', (due, urgency) => {
    expect(workUrgency(due, today)).toBe(urgency);
  });
  it('no due day: none', () => {
    expect(workUrgency(null, today)).toBe('none');
  });
  it('on a Sunday, only today is this week', () => {
    expect(workUrgency('2026-12-06', '2026-12-06')).toBe('today');
    expect(workUrgency('2026-12-07', '2026-12-06')).toBe('later');
  });
});

describe('compareWork', () => {
  it('orders by due day, items without one last', () => {
    const items = [
      { due: null },
      { due: '2026-12-10' },
      { due: '2026-11-01' },
      { due: null },
      { due: '2026-12-02' },
    ];
    expect(items.sort(compareWork).map((i) => i.due)).toEqual([
      '2026-11-01',
      '2026-12-02',
      '2026-12-10',
      null,
      null,
    ]);
  });
});
