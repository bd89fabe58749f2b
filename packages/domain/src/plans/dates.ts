/**
 * Calendar dates as 'YYYY-MM-DD' strings: business dates have no time of day
 * and no time zone, so they never shift when a server runs elsewhere.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses a real calendar date; null for '2026-02-31' or anything not YYYY-MM-DD. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const m = ISO.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date ${date}`);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  const pa = parseIsoDate(a)!;
  const pb = parseIsoDate(b)!;
  return Math.round(
    (Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000,
  );
}

/** Today's date in Việt Nam (UTC+7, no daylight saving) for a given instant. */
export function vietnamDate(instant: Date): IsoDate {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** '15/02/2026' as Vietnamese documents write dates. */
export function formatVietnameseDate(date: IsoDate): string {
  const p = parseIsoDate(date)!;
  return `${String(p.day).padStart(2, '0')}/${String(p.month).padStart(2, '0')}/${p.year}`;
}
