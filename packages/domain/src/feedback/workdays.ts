import { addDays, type IsoDate, parseIsoDate } from '../plans/dates.ts';

/**
 * Working days: Monday to Friday, except public holidays (nghỉ lễ, Tết) given as
 * a list of dates. Saturdays and Sundays are never working days here; a
 * "compensating" working Saturday decreed by the Government is not modelled.
 */
export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate> | readonly IsoDate[]): boolean {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date ${date}`);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const set = holidays instanceof Set ? holidays : new Set(holidays as readonly IsoDate[]);
  return !set.has(date);
}

/**
 * The deadline of something received on `received` with `days` working days to
 * answer. Something received on a weekend or holiday is taken in on the next
 * working day; the day it is taken in does not count (as the law counts "kể từ
 * ngày tiếp nhận"), counting starts the next day and skips weekends and
 * holidays. So 1 working day from a Friday is the next Monday, and from the
 * Saturday after it the Tuesday. With 0 days the deadline is the day taken in.
 */
export function addWorkingDays(
  received: IsoDate,
  days: number,
  holidays: ReadonlySet<IsoDate> | readonly IsoDate[] = [],
): IsoDate {
  if (!Number.isInteger(days) || days < 0) throw new Error(`Invalid number of working days ${days}`);
  if (!parseIsoDate(received)) throw new Error(`Invalid date ${received}`);
  const set: ReadonlySet<IsoDate> =
    holidays instanceof Set ? holidays : new Set(holidays as readonly IsoDate[]);
  let date = received;
  while (!isWorkingDay(date, set)) date = addDays(date, 1);
  let left = days;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, set)) left--;
  }
  return date;
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  holidays: ReadonlySet<IsoDate> | readonly IsoDate[] = [],
): number {
  const set: ReadonlySet<IsoDate> =
    holidays instanceof Set ? holidays : new Set(holidays as readonly IsoDate[]);
  if (from === to) return 0;
  const sign = to > from ? 1 : -1;
  const [a, b] = sign > 0 ? [from, to] : [to, from];
  let n = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWorkingDay(d, set)) n++;
  return sign * n;
}

/**
 * Việt Nam's public holidays on which offices close, 2026 and 2027 (Bộ luật Lao động
 * 2019 art. 112 and the Government's yearly notices for Tết and 2/9), including the
 * days moved to when a holiday falls on a weekend. A demo list: each city or commune
 * keeps its own in the settings.
 */
export const VIETNAM_HOLIDAYS_2026_2027: readonly IsoDate[] = [
  // 2026
  '2026-01-01', // Tết Dương lịch
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20', // Tết Bính Ngọ (28 tháng Chạp - mùng 4)
  '2026-04-27', // Giỗ Tổ Hùng Vương (10/3 âm lịch = Chủ nhật 26/4, nghỉ bù thứ Hai)
  '2026-04-30',
  '2026-05-01', // Giải phóng miền Nam, Quốc tế Lao động
  '2026-09-01',
  '2026-09-02', // Quốc khánh
  // 2027
  '2027-01-01', // Tết Dương lịch
  '2027-02-04',
  '2027-02-05',
  '2027-02-08',
  '2027-02-09',
  '2027-02-10', // Tết Đinh Mùi (mùng 1 = 6/2)
  '2027-04-16', // Giỗ Tổ Hùng Vương (10/3 âm lịch)
  '2027-04-30',
  '2027-05-03', // 30/4 (thứ Sáu); 1/5 rơi vào thứ Bảy, nghỉ bù thứ Hai
  '2027-09-02',
  '2027-09-03', // Quốc khánh
];
