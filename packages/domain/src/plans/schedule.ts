import { daysInMonth, type IsoDate, isoDate, parseIsoDate } from './dates.ts';

/**
 * When a task of the plan falls due, as the plan's appendix words it:
 * - before_date: "Trước ngày 15/02 hằng năm" (every year, before a day and month);
 * - within_month: "Tháng 12 hằng năm" (every year, during a month);
 * - yearly: "Hằng năm" (some time in each year);
 * - continuous: "Thường xuyên" (no due date);
 * - named_years: "Năm 2027 và năm 2030" (only those years);
 * - once: a single date.
 */
export type Schedule =
  | { kind: 'before_date'; day: number; month: number }
  | { kind: 'within_month'; month: number }
  | { kind: 'yearly' }
  | { kind: 'continuous' }
  | { kind: 'named_years'; years: number[] }
  | { kind: 'once'; date: IsoDate };

export const SCHEDULE_KINDS = [
  'before_date',
  'within_month',
  'yearly',
  'continuous',
  'named_years',
  'once',
] as const;

/** One year's instance of a task: when it opens and when it is due (null: continuous). */
export interface Occurrence {
  year: number;
  /** First day the work of this occurrence can count. */
  opensOn: IsoDate;
  /** Last day to be on time; null for continuous work. */
  dueDate: IsoDate | null;
}

/**
 * Returns a Vietnamese sentence for the first problem of a schedule, or null.
 * Day 29/02 is allowed: it exists in leap years (and see occurrenceIn).
 */
export function scheduleProblem(schedule: Schedule): string | null {
  switch (schedule.kind) {
    case 'before_date': {
      const { day, month } = schedule;
      if (!Number.isInteger(month) || month < 1 || month > 12) return `Tháng ${month} không hợp lệ (1-12).`;
      if (!Number.isInteger(day) || day < 1 || day > daysInMonth(2024, month))
        return `Ngày ${day}/${String(month).padStart(2, '0')} không có trong lịch.`;
      return null;
    }
    case 'within_month':
      return Number.isInteger(schedule.month) && schedule.month >= 1 && schedule.month <= 12
        ? null
        : `Tháng ${schedule.month} không hợp lệ (1-12).`;
    case 'named_years': {
      if (schedule.years.length === 0) return 'Cần ít nhất một năm thực hiện.';
      const bad = schedule.years.find((y) => !Number.isInteger(y) || y < 2000 || y > 2100);
      if (bad !== undefined) return `Năm ${bad} không hợp lệ.`;
      if (new Set(schedule.years).size !== schedule.years.length) return 'Một năm bị lặp lại.';
      return null;
    }
    case 'once':
      return parseIsoDate(schedule.date) ? null : `Ngày ${schedule.date} không có trong lịch.`;
    case 'yearly':
    case 'continuous':
      return null;
  }
}

/**
 * The occurrence of a schedule in a year, or null when the task has none that
 * year. "Trước ngày D/M" is read strictly, as the seed words it: the last day
 * to be on time is the day before D/M (docs/decisions/0008). Before 29/02 in a
 * year without it is therefore 28/02, the day before 01/03.
 */
export function occurrenceIn(schedule: Schedule, year: number): Occurrence | null {
  const yearStart = isoDate(year, 1, 1);
  const yearEnd = isoDate(year, 12, 31);
  switch (schedule.kind) {
    case 'before_date': {
      const { day, month } = schedule;
      const exists = day <= daysInMonth(year, month);
      // the day before D/M; if D/M does not exist this year, the last day of month M
      const due = !exists
        ? isoDate(year, month, daysInMonth(year, month))
        : day > 1
          ? isoDate(year, month, day - 1)
          : month > 1
            ? isoDate(year, month - 1, daysInMonth(year, month - 1))
            : null;
      // before 01/01: the last day of the previous year, which belongs to that year's cycle
      if (due === null) return { year, opensOn: isoDate(year - 1, 1, 1), dueDate: isoDate(year - 1, 12, 31) };
      return { year, opensOn: yearStart, dueDate: due };
    }
    case 'within_month':
      return {
        year,
        opensOn: isoDate(year, schedule.month, 1),
        dueDate: isoDate(year, schedule.month, daysInMonth(year, schedule.month)),
      };
    case 'yearly':
      return { year, opensOn: yearStart, dueDate: yearEnd };
    case 'continuous':
      return { year, opensOn: yearStart, dueDate: null };
    case 'named_years':
      return schedule.years.includes(year) ? { year, opensOn: yearStart, dueDate: yearEnd } : null;
    case 'once':
      return schedule.date.startsWith(`${year}-`)
        ? { year, opensOn: yearStart, dueDate: schedule.date }
        : null;
  }
}

export interface PlanPeriod {
  /** First year of the plan (2026). */
  fromYear: number;
  /** Last year, or null for "và những năm tiếp theo" (open-ended). */
  toYear: number | null;
}

/**
 * The occurrence of a task in a year, within the plan's period and from the
 * day the task was added: a task added after this year's due date starts next
 * year (a continuous task starts at once).
 */
export function taskOccurrenceIn(
  schedule: Schedule,
  year: number,
  period: PlanPeriod,
  addedOn?: IsoDate,
): Occurrence | null {
  if (year < period.fromYear || (period.toYear !== null && year > period.toYear)) return null;
  const occurrence = occurrenceIn(schedule, year);
  if (!occurrence) return null;
  if (addedOn && occurrence.dueDate !== null && occurrence.dueDate < addedOn) return null;
  if (addedOn && occurrence.dueDate === null && Number(addedOn.slice(0, 4)) > year) return null;
  return occurrence;
}

/** The schedule as the plan's appendix writes it ("Trước ngày 15/02 hằng năm"). */
export function describeSchedule(schedule: Schedule): string {
  const dm = (d: number, m: number) => `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}`;
  switch (schedule.kind) {
    case 'before_date':
      return `Trước ngày ${dm(schedule.day, schedule.month)} hằng năm`;
    case 'within_month':
      return `Tháng ${schedule.month} hằng năm`;
    case 'yearly':
      return 'Hằng năm';
    case 'continuous':
      return 'Thường xuyên';
    case 'named_years':
      return [...schedule.years]
        .sort((a, b) => a - b)
        .map((y) => `năm ${y}`)
        .join(' và ')
        .replace(/^n/, 'N');
    case 'once': {
      const p = parseIsoDate(schedule.date);
      return p ? `Ngày ${dm(p.day, p.month)}/${p.year}` : schedule.date;
    }
  }
}

/** A task led by every unit of the commune (“Các phòng, ban, cơ quan, đơn vị thuộc UBND xã”). */
export const ALL_UNITS_LEAD_SHORT = 'Tất cả các đơn vị';
const COMMUNE_KIND_WORD = { xa: 'xã', phuong: 'phường', dac_khu: 'đặc khu' } as const;
/** The lead of an all-units task as the plan and its documents word it. */
export function allUnitsLead(kind: 'xa' | 'phuong' | 'dac_khu'): string {
  return `Các phòng, ban, cơ quan, đơn vị thuộc UBND ${COMMUNE_KIND_WORD[kind]}`;
}
