import { addDays, daysBetween, type IsoDate } from './dates.ts';

export const OCCURRENCE_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

export const OCCURRENCE_STATUS_LABELS: Record<OccurrenceStatus, string> = {
  not_started: 'Chưa bắt đầu',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
};

export interface OccurrenceState {
  dueDate: IsoDate | null;
  /** The day the lead unit marked it done, if it did. */
  completedOn: IsoDate | null;
  /** Latest reported progress, 0-100. */
  progress: number;
}

/**
 * The status a civil servant sees. Done wins; otherwise past the due date is
 * overdue (the due date itself is still on time); some progress is in progress.
 * Continuous work (no due date) is never overdue.
 */
export function occurrenceStatus(state: OccurrenceState, today: IsoDate): OccurrenceStatus {
  if (state.completedOn) return 'done';
  if (state.dueDate !== null && today > state.dueDate) return 'overdue';
  return state.progress > 0 ? 'in_progress' : 'not_started';
}

/** Done by its due date (continuous work counts as on time once done). */
export function doneOnTime(state: OccurrenceState): boolean {
  return state.completedOn !== null && (state.dueDate === null || state.completedOn <= state.dueDate);
}

/** Days left until the due date (0 on the day, negative when late); null without one. */
export function daysLeft(dueDate: IsoDate | null, today: IsoDate): number | null {
  return dueDate === null ? null : daysBetween(today, dueDate);
}

export const DEFAULT_REMINDER_OFFSETS = [30, 7, 1] as const;

/** At most this many "N days before" reminders per occurrence, N from 1 to a year. */
export const MAX_REMINDER_OFFSETS = 5;

/**
 * Why a commune's list of reminder days cannot be kept, or null. An empty list is allowed: the
 * units are then reminded only once the due date has passed.
 */
export function reminderOffsetsProblem(offsets: readonly number[]): string | null {
  if (offsets.length > MAX_REMINDER_OFFSETS) {
    return `Tối đa ${MAX_REMINDER_OFFSETS} lần nhắc trước hạn.`;
  }
  for (const n of offsets) {
    if (!Number.isInteger(n) || n < 1 || n > 365) {
      return `Số ngày nhắc trước hạn phải là số nguyên từ 1 đến 365 (không nhận ${n}).`;
    }
  }
  if (new Set(offsets).size !== offsets.length) return 'Mỗi số ngày nhắc chỉ ghi một lần.';
  return null;
}

/** A reminder the scan may send: before the due date by N days, or once when overdue. */
export type ReminderKey = `before_${number}` | 'overdue';

/**
 * The reminders owed as of today for an occurrence not yet done: the latest
 * "N days before" whose day has come (an earlier one, missed while the server
 * was down, is not sent late once a nearer one is owed), and "overdue" from
 * the day after the due date. Sending is recorded per key, so each goes once.
 */
export function remindersOwed(
  state: OccurrenceState,
  today: IsoDate,
  offsets: readonly number[] = DEFAULT_REMINDER_OFFSETS,
): ReminderKey[] {
  if (state.completedOn || state.dueDate === null) return [];
  if (today > state.dueDate) return ['overdue'];
  const reached = [...new Set(offsets)]
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b)
    .find((n) => today >= addDays(state.dueDate!, -n));
  return reached === undefined ? [] : [`before_${reached}`];
}
