import { addDays, type IsoDate, parseIsoDate } from '../plans/dates.ts';

/**
 * The home's work list: how pressing a waiting item is, from its due day and today (both in
 * Việt Nam). A week is Monday to Sunday, as an office plans it: "due this week" on a Saturday
 * means today or tomorrow, not the next seven days.
 */

/** The Sunday that ends the week (Monday to Sunday) holding `date`. */
export function weekEnd(date: IsoDate): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Invalid date ${date}`);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay(); // 0 = Sunday
  return addDays(date, weekday === 0 ? 0 : 7 - weekday);
}

export const WORK_URGENCIES = ['overdue', 'today', 'week', 'later', 'none'] as const;
export type WorkUrgency = (typeof WORK_URGENCIES)[number];

/**
 * 'overdue' past its due day, 'today' on it, 'week' by this week's Sunday, 'later' after;
 * 'none' for an item without a due day (a file waiting for its approval).
 */
export function workUrgency(due: IsoDate | null, today: IsoDate): WorkUrgency {
  if (due === null) return 'none';
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  return due <= weekEnd(today) ? 'week' : 'later';
}

/** Most pressing first: overdue, due today, this week, later, then those without a due day; by due day within each. */
export function compareWork(a: { due: IsoDate | null }, b: { due: IsoDate | null }): number {
  if (a.due === b.due) return 0;
  if (a.due === null) return 1;
  if (b.due === null) return -1;
  return a.due < b.due ? -1 : 1;
}
