import { addDays, type IsoDate, parseIsoDate, vietnamDate } from '../plans/dates.ts';

/** Việt Nam is UTC+7 all year. */
const VN_OFFSET_MS = 7 * 3_600_000;

/** The instant a Vietnamese calendar day starts (00:00 in Asia/Ho_Chi_Minh). */
export function vietnamDayStart(date: IsoDate): Date {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date ${date}`);
  return new Date(Date.UTC(p.year, p.month - 1, p.day) - VN_OFFSET_MS);
}

/**
 * A period of whole days in Asia/Ho_Chi_Minh, both ends included, as instants:
 * [start, end). Returns a Vietnamese problem when the dates are not real or reversed,
 * or when the period is longer than `maxDays`.
 */
export function vietnamRange(
  from: IsoDate,
  to: IsoDate,
  maxDays = 3 * 366 + 1,
): { start: Date; end: Date; days: number } | { problem: string } {
  if (!parseIsoDate(from)) return { problem: 'Ngày bắt đầu không hợp lệ (YYYY-MM-DD).' };
  if (!parseIsoDate(to)) return { problem: 'Ngày kết thúc không hợp lệ (YYYY-MM-DD).' };
  if (to < from) return { problem: 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.' };
  const start = vietnamDayStart(from);
  const end = vietnamDayStart(addDays(to, 1));
  const days = Math.round((end.getTime() - start.getTime()) / 86_400_000);
  if (days > maxDays) return { problem: `Khoảng thời gian tối đa là ${maxDays} ngày.` };
  return { start, end, days };
}

/** The last 12 months up to and including `today`: the same day a year earlier + 1 day. */
export function last12Months(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const p = parseIsoDate(today);
  if (!p) throw new Error(`Invalid date ${today}`);
  // 29/02 a year back does not exist: start on 01/03.
  const yearAgo =
    p.month === 2 && p.day === 29
      ? `${String(p.year - 1).padStart(4, '0')}-02-28`
      : `${String(p.year - 1).padStart(4, '0')}${today.slice(4)}`;
  return { from: addDays(yearAgo, 1), to: today };
}

export type Granularity = 'day' | 'month' | 'year';

/** The bucket an instant falls in, by the Vietnamese calendar: '2026-11-29', '2026-11', '2026'. */
export function periodKey(instant: Date, granularity: Granularity): string {
  const day = vietnamDate(instant);
  return granularity === 'day' ? day : granularity === 'month' ? day.slice(0, 7) : day.slice(0, 4);
}
