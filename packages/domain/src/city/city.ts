import { LEVELS, MAX_LEVEL } from '../criteria/set.ts';
import type { IsoDate } from '../plans/dates.ts';

/**
 * The city's view of its communes (Sở Nội vụ): where each commune is in the year, ranks,
 * the city's targets per level, the alerts that name who is behind, and the checks on a
 * recognition decision. Pure rules; the server feeds them figures.
 */

// ------------------------------------------------------------------ the stage of a year

/** Registration is due before 15/02, the self-assessment before 12/11 (plan tasks 3 and 5). */
export const REGISTRATION_DUE = (year: number): IsoDate => `${year}-02-15`;
export const SUBMISSION_DUE = (year: number): IsoDate => `${year}-11-12`;

/** The furthest step a commune reached in a year, in the order of the cycle. */
export const YEAR_STAGES = [
  'not_registered',
  'registered',
  'assessing',
  'submitted',
  'returned',
  'appraising',
  'recognised',
] as const;
export type YearStage = (typeof YEAR_STAGES)[number];

export const YEAR_STAGE_LABELS: Record<YearStage, string> = {
  not_registered: 'Chưa đăng ký mức độ',
  registered: 'Đã đăng ký, chưa mở hồ sơ tự đánh giá',
  assessing: 'Đang tự đánh giá',
  submitted: 'Đã gửi hồ sơ, chờ thẩm định',
  returned: 'Thành phố trả lại, chờ bổ sung',
  appraising: 'Đang thẩm định',
  recognised: 'Đã công nhận',
};

export interface YearFacts {
  registered: boolean;
  /** The assessment's workflow status, null when the commune has not opened one. */
  assessmentStatus: string | null;
  /** The city entered appraisal points on a submitted file. */
  appraised: boolean;
}

export function yearStage(f: YearFacts): YearStage {
  switch (f.assessmentStatus) {
    case 'recognised':
      return 'recognised';
    case 'returned':
      return 'returned';
    case 'submitted':
      return f.appraised ? 'appraising' : 'submitted';
    case null:
      return f.registered ? 'registered' : 'not_registered';
    default:
      return 'assessing';
  }
}

/** Counts of the year for the city's home: each commune once in each line. */
export interface StageCounts {
  communes: number;
  registeredOnTime: number;
  registeredLate: number;
  /** Not registered; `notRegisteredOverdue` of them after 15/02. */
  notRegistered: number;
  notRegisteredOverdue: number;
  /** Self-assessment: never opened, being scored, sent before 12/11, sent late, not sent after 12/11. */
  notOpened: number;
  inProgress: number;
  submittedOnTime: number;
  submittedLate: number;
  notSubmittedOverdue: number;
  returned: number;
  appraising: number;
  recognised: number;
}

export interface CommuneYearStatus extends YearFacts {
  registeredOnTime: boolean | null;
  /** Sent to the city (the last time) before 12/11: null while not sent. */
  submittedOnTime: boolean | null;
}

export function stageCounts(rows: readonly CommuneYearStatus[], year: number, today: IsoDate): StageCounts {
  const c: StageCounts = {
    communes: rows.length,
    registeredOnTime: 0,
    registeredLate: 0,
    notRegistered: 0,
    notRegisteredOverdue: 0,
    notOpened: 0,
    inProgress: 0,
    submittedOnTime: 0,
    submittedLate: 0,
    notSubmittedOverdue: 0,
    returned: 0,
    appraising: 0,
    recognised: 0,
  };
  const registrationOver = today >= REGISTRATION_DUE(year);
  const submissionOver = today >= SUBMISSION_DUE(year);
  for (const r of rows) {
    if (!r.registered) {
      c.notRegistered++;
      if (registrationOver) c.notRegisteredOverdue++;
    } else if (r.registeredOnTime) c.registeredOnTime++;
    else c.registeredLate++;
    const stage = yearStage(r);
    if (r.assessmentStatus === null) c.notOpened++;
    else if (stage === 'assessing') c.inProgress++;
    if (r.submittedOnTime === true) c.submittedOnTime++;
    if (r.submittedOnTime === false) c.submittedLate++;
    if (submissionOver && r.submittedOnTime === null) c.notSubmittedOverdue++;
    if (stage === 'returned') c.returned++;
    if (stage === 'appraising') c.appraising++;
    if (stage === 'recognised') c.recognised++;
  }
  return c;
}

// ------------------------------------------------------------------ ranks

/**
 * Competition ranking ("1, 2, 2, 4"): equal values share the best rank, the next value skips the
 * ranks they took. Communes without a value (null) get no rank. `higherIsBetter` false ranks the
 * smallest first (e.g. overdue items).
 */
export function rankWithTies(values: readonly (number | null)[], higherIsBetter = true): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const sorted = [...present].sort((a, b) => (higherIsBetter ? b - a : a - b));
  const first = new Map<number, number>();
  sorted.forEach((v, i) => {
    if (!first.has(v)) first.set(v, i + 1);
  });
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : first.get(v)!));
}

// ------------------------------------------------------------------ the city's targets

/** Level -> share (0..1) of communes the city aims to have at that level or above. */
export type LevelTargets = Partial<Record<number, number>>;

export const CITY_LEVELS = LEVELS;

/**
 * The levels in use for the city's figures: those the criteria sets in effect define, with any
 * level a commune holds or a target names (a set may define more than four levels); the present
 * decision's 1-4 when no set is in effect. Sorted, each once, 1..MAX_LEVEL.
 */
export function levelsInUse(
  defined: readonly (readonly number[])[],
  seen: readonly (number | null | undefined)[] = [],
): number[] {
  const all = new Set<number>(defined.length ? defined.flat() : LEVELS);
  for (const l of seen) if (typeof l === 'number') all.add(l);
  return [...all].filter((l) => Number.isInteger(l) && l >= 1 && l <= MAX_LEVEL).sort((a, b) => a - b);
}

/** Communes at each recognised level exactly: level 0 (none yet) first, then every level in use. */
export function levelCounts(
  recognisedLevels: readonly (number | null)[],
  levels: readonly number[],
): { level: number; communes: number }[] {
  return [0, ...levels].map((level) => ({
    level,
    communes: recognisedLevels.filter((l) => (l ?? 0) === level).length,
  }));
}

/** The first problem of a year's targets, with the field it concerns, or null. */
export function levelTargetsProblem(
  targets: readonly { level: number; share: number }[],
): { path: string; message: string } | null {
  const seen = new Set<number>();
  for (const [i, t] of targets.entries()) {
    if (!Number.isInteger(t.level) || t.level < 1 || t.level > MAX_LEVEL)
      return { path: `targets.${i}.level`, message: `Mức độ phải từ 1 đến ${MAX_LEVEL}.` };
    if (seen.has(t.level))
      return { path: `targets.${i}.level`, message: `Mức ${t.level} có hai chỉ tiêu; mỗi mức một chỉ tiêu.` };
    seen.add(t.level);
    if (!Number.isFinite(t.share) || t.share < 0 || t.share > 100)
      return { path: `targets.${i}.share`, message: 'Tỷ lệ xã đạt mức phải từ 0% đến 100%.' };
  }
  const sorted = [...targets].sort((a, b) => a.level - b.level);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.share > sorted[i - 1]!.share) {
      const at = targets.indexOf(sorted[i]!);
      return {
        path: `targets.${at}.share`,
        message: `Tỷ lệ đạt mức ${sorted[i]!.level} trở lên không thể cao hơn tỷ lệ đạt mức ${sorted[i - 1]!.level} trở lên.`,
      };
    }
  }
  return null;
}

export interface LevelGap {
  level: number;
  /** Share aimed at (0..1), null when the city set none for this level. */
  target: number | null;
  /** Communes recognised at this level or above, and their share of all communes. */
  reached: number;
  share: number | null;
  /** Communes still needed to meet the target (0 when met); null without a target. */
  missing: number | null;
}

/**
 * The distribution by recognised level against the targets: for each level, the communes at that
 * level or above and how many more the target asks for (rounded up: 90% of 114 is 103).
 */
export function levelGaps(
  recognisedLevels: readonly (number | null)[],
  targets: LevelTargets,
  levels: readonly number[] = CITY_LEVELS,
): LevelGap[] {
  const total = recognisedLevels.length;
  return levels.map((level) => {
    const reached = recognisedLevels.filter((l) => l !== null && l >= level).length;
    const target = targets[level] ?? null;
    const needed = target === null ? null : Math.ceil(target * total - 1e-9);
    return {
      level,
      target,
      reached,
      share: total === 0 ? null : reached / total,
      missing: needed === null ? null : Math.max(0, needed - reached),
    };
  });
}

// ------------------------------------------------------------------ alerts

export const ALERT_KINDS = [
  'not_registered',
  'not_submitted',
  'satisfaction_below_target',
  'feedback_overdue',
  'tasks_overdue',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertFacts {
  communeName: string;
  registered: boolean;
  submitted: boolean;
  satisfaction: number | null;
  /** The commune's own target for the year, else the city's threshold; null: none set. */
  satisfactionTarget: number | null;
  overdueFeedback: number;
  overdueTasks: number;
}

export interface AlertThresholds {
  /** Alert when unanswered overdue feedback exceeds this count (default 0: any). */
  overdueFeedback: number;
  /** Alert when overdue plan tasks exceed this count (default 0: any). */
  overdueTasks: number;
}

const pct = (v: number) => `${String(Math.round(v * 1000) / 10).replace('.', ',')}%`;

/** The alerts of one commune in a year, in the order of the cycle, each a Vietnamese sentence. */
export function alertsOf(
  f: AlertFacts,
  year: number,
  today: IsoDate,
  t: AlertThresholds,
): { kind: AlertKind; text: string }[] {
  const out: { kind: AlertKind; text: string }[] = [];
  if (!f.registered && today >= REGISTRATION_DUE(year))
    out.push({
      kind: 'not_registered',
      text: `${f.communeName} chưa đăng ký mức độ năm ${year} (hạn trước ngày 15/02).`,
    });
  if (!f.submitted && today >= SUBMISSION_DUE(year))
    out.push({
      kind: 'not_submitted',
      text: `${f.communeName} chưa gửi hồ sơ tự đánh giá năm ${year} (hạn trước ngày 12/11).`,
    });
  if (f.satisfaction !== null && f.satisfactionTarget !== null && f.satisfaction < f.satisfactionTarget)
    out.push({
      kind: 'satisfaction_below_target',
      text: `${f.communeName}: chỉ số hài lòng ${pct(f.satisfaction)}, dưới mục tiêu ${pct(f.satisfactionTarget)}.`,
    });
  if (f.overdueFeedback > t.overdueFeedback)
    out.push({
      kind: 'feedback_overdue',
      text: `${f.communeName}: ${f.overdueFeedback} phản ánh, kiến nghị quá hạn chưa trả lời.`,
    });
  if (f.overdueTasks > t.overdueTasks)
    out.push({
      kind: 'tasks_overdue',
      text: `${f.communeName}: ${f.overdueTasks} nhiệm vụ của kế hoạch đã quá hạn chưa hoàn thành.`,
    });
  return out;
}

// ------------------------------------------------------------------ recognition

/**
 * A recognition decision is dated neither in the future nor before the file was (last) sent to
 * the city. Dates are Việt Nam days. Returns a Vietnamese sentence, or null when it is fine.
 */
export function recognitionDateProblem(
  decisionDate: IsoDate,
  submittedOn: IsoDate | null,
  today: IsoDate,
): string | null {
  if (decisionDate > today) return 'Ngày quyết định công nhận không được ở tương lai.';
  if (submittedOn !== null && decisionDate < submittedOn)
    return `Ngày quyết định công nhận không được trước ngày xã gửi hồ sơ (${submittedOn.split('-').reverse().join('/')}).`;
  return null;
}
