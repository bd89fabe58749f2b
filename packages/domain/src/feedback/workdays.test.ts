import { describe, expect, it } from 'vitest';
import { addDays } from '../plans/dates.ts';
import { addWorkingDays, isWorkingDay, VIETNAM_HOLIDAYS_2026_2027, workingDaysBetween } from './workdays.ts';

const H = VIETNAM_HOLIDAYS_2026_2027;

describe('isWorkingDay', () => {
  it('Monday to Friday are working days, Saturday and Sunday are not', () => {
    expect(isWorkingDay('2026-11-23', [])).toBe(true); // thứ Hai
    expect(isWorkingDay('2026-11-27', [])).toBe(true); // thứ Sáu
    expect(isWorkingDay('2026-11-28', [])).toBe(false); // thứ Bảy
    expect(isWorkingDay('2026-11-29', [])).toBe(false); // Chủ nhật
  });
  it('a listed holiday on a weekday is not a working day; a set works like a list', () => {
    expect(isWorkingDay('2027-02-04', H)).toBe(false);
    expect(isWorkingDay('2027-02-04', new Set(H))).toBe(false);
    expect(isWorkingDay('2027-02-11', H)).toBe(true);
  });
  it('refuses a date that does not exist', () => {
    expect(() => isWorkingDay('2026-02-30', [])).toThrow();
  });
});

describe('addWorkingDays', () => {
  it('does not count the day received: 1 day from Monday is Tuesday, from Friday the next Monday', () => {
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
  });
  it('5 and 10 working days span one and two weekends', () => {
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-23', 10)).toBe('2026-12-07');
  });
  it('received on a Saturday or Sunday: taken in on Monday, counting from Tuesday', () => {
    expect(addWorkingDays('2026-11-28', 1)).toBe('2026-12-01');
    expect(addWorkingDays('2026-11-29', 1)).toBe('2026-12-01');
    expect(addWorkingDays('2026-11-28', 5)).toBe('2026-12-07');
  });
  it('0 days: the day received, or the next working day when received on a day off', () => {
    expect(addWorkingDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(addWorkingDays('2026-11-28', 0)).toBe('2026-11-30');
    expect(addWorkingDays('2027-02-06', 0, H)).toBe('2027-02-11');
  });
  it('Tết Đinh Mùi 2027 (4-10/2 with the weekend): the day before Tết plus 1 is the first day back', () => {
    expect(addWorkingDays('2027-02-03', 1, H)).toBe('2027-02-11');
    expect(addWorkingDays('2027-02-03', 10, H)).toBe('2027-02-24');
    // without the holiday list the same dates would be a week earlier
    expect(addWorkingDays('2027-02-03', 1)).toBe('2027-02-04');
  });
  it('received during Tết is taken in on the first day back (Thursday 11/2/2027), counted from the next', () => {
    expect(addWorkingDays('2027-02-05', 1, H)).toBe('2027-02-12');
    expect(addWorkingDays('2027-02-08', 2, H)).toBe('2027-02-15');
    expect(addWorkingDays('2026-02-18', 3, H)).toBe('2026-02-26'); // Tết Bính Ngọ 2026
  });
  it('crosses the new year onto a holiday Friday (1/1/2027)', () => {
    expect(addWorkingDays('2026-12-31', 1, H)).toBe('2027-01-04');
  });
  it('30/4 - 1/5/2027 with the day moved to Monday 3/5', () => {
    expect(addWorkingDays('2027-04-29', 1, H)).toBe('2027-05-04');
  });
  it('Giỗ Tổ 2026 falls on a Sunday and is taken on Monday 27/4', () => {
    expect(addWorkingDays('2026-04-24', 1, H)).toBe('2026-04-28');
  });
  it('Quốc khánh 2026: Tuesday 1/9 and Wednesday 2/9', () => {
    expect(addWorkingDays('2026-08-31', 1, H)).toBe('2026-09-03');
    expect(addWorkingDays('2026-08-28', 3, H)).toBe('2026-09-04');
  });
  it('refuses negative or fractional days and invalid dates', () => {
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow();
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow();
    expect(() => addWorkingDays('2026-13-01', 1)).toThrow();
    expect(() => addWorkingDays('23/11/2026', 1)).toThrow();
  });
  it('a holiday list with dates on weekends changes nothing for those days', () => {
    expect(addWorkingDays('2026-11-27', 1, ['2026-11-28', '2026-11-29'])).toBe('2026-11-30');
  });

  /** An independent, naive reference: walks the calendar one day at a time. */
  function naive(received: string, days: number, holidays: readonly string[]): string {
    const off = (d: string) => {
      const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
      return wd === 0 || wd === 6 || holidays.includes(d);
    };
    let d = received;
    while (off(d)) d = addDays(d, 1);
    let n = 0;
    while (n < days) {
      d = addDays(d, 1);
      if (!off(d)) n++;
    }
    return d;
  }

  it('agrees with a naive count and with workingDaysBetween on 3,000 pseudo-random cases in 2026-2027', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      const received = addDays('2026-01-01', rnd(700));
      const days = rnd(31);
      const deadline = addWorkingDays(received, days, H);
      expect(deadline, `${received} + ${days}`).toBe(naive(received, days, H));
      expect(isWorkingDay(deadline, H)).toBe(true);
      if (isWorkingDay(received, H)) expect(workingDaysBetween(received, deadline, H)).toBe(days);
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to the second, negative backwards', () => {
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-30')).toBe(5);
    expect(workingDaysBetween('2026-11-30', '2026-11-23')).toBe(-5);
    expect(workingDaysBetween('2027-02-03', '2027-02-11', H)).toBe(1);
  });
});

describe('the demo holiday list', () => {
  it('holds real weekdays only, sorted and without duplicates', () => {
    expect([...H].sort()).toEqual(H);
    expect(new Set(H).size).toBe(H.length);
    for (const d of H) expect(isWorkingDay(d, []), d).toBe(true);
  });
});
