import { formatVietnameseDate, type IsoDate } from './dates.ts';
import type { OccurrenceStatus } from './status.ts';

/**
 * What fulfils a task of the plan (DOMAIN.md "The yearly cycle"). A task may name one kind of
 * work, chosen from this list (never a task number): its yearly occurrence then follows that
 * work. Event kinds complete the occurrence on the day the work happened; figure kinds (outreach,
 * the villages' titles, the service centre) show the year's figures as the occurrence's progress
 * and are completed by a person, as continuous and yearly work is.
 */
export const FULFILMENT_KINDS = [
  'level_registration',
  'yearly_plan',
  'self_assessment',
  'reward_decisions',
  'yearly_report',
  'budget_proposal',
  'review_report',
  'outreach',
  'village_assessments',
  'service_centre',
] as const;
export type FulfilmentKind = (typeof FULFILMENT_KINDS)[number];

export const FULFILMENT_LABELS: Record<FulfilmentKind, string> = {
  level_registration: 'Đăng ký mức độ gửi Sở Nội vụ',
  yearly_plan: 'Kế hoạch được ban hành',
  self_assessment: 'Báo cáo tự đánh giá, chấm điểm gửi thành phố',
  reward_decisions: 'Quyết định khen thưởng',
  yearly_report: 'Báo cáo kết quả năm được ban hành',
  budget_proposal: 'Tờ trình đề xuất kinh phí gửi thành phố',
  review_report: 'Báo cáo sơ kết, tổng kết được ban hành',
  outreach: 'Hoạt động tuyên truyền (số liệu của năm)',
  village_assessments: 'Bình xét danh hiệu văn hóa của các thôn (số liệu của năm)',
  service_centre: 'Số liệu của Trung tâm Phục vụ hành chính công',
};

/** Kinds whose work happens on one day and completes the occurrence that day. */
export const EVENT_FULFILMENT_KINDS = [
  'level_registration',
  'yearly_plan',
  'self_assessment',
  'reward_decisions',
  'yearly_report',
  'budget_proposal',
  'review_report',
] as const satisfies readonly FulfilmentKind[];
export type EventFulfilmentKind = (typeof EVENT_FULFILMENT_KINDS)[number];

export function isEventFulfilment(kind: FulfilmentKind): kind is EventFulfilmentKind {
  return (EVENT_FULFILMENT_KINDS as readonly string[]).includes(kind);
}

export function isFulfilmentKind(value: unknown): value is FulfilmentKind {
  return typeof value === 'string' && (FULFILMENT_KINDS as readonly string[]).includes(value);
}

/** How the work reads after "Hoàn thành tự động:", before its date. */
const DONE_PHRASE: Record<EventFulfilmentKind, string> = {
  level_registration: 'đăng ký mức độ gửi',
  yearly_plan: 'kế hoạch ban hành',
  self_assessment: 'báo cáo tự đánh giá gửi thành phố',
  reward_decisions: 'quyết định khen thưởng ký',
  yearly_report: 'báo cáo kết quả năm ban hành',
  budget_proposal: 'tờ trình đề xuất kinh phí ban hành',
  review_report: 'báo cáo sơ kết, tổng kết ban hành',
};

/** "Hoàn thành tự động: đăng ký mức độ gửi 10/02/2026". */
export function fulfilmentText(kind: EventFulfilmentKind, at: IsoDate): string {
  return `Hoàn thành tự động: ${DONE_PHRASE[kind]} ${formatVietnameseDate(at)}`;
}

/** One figure of the year's work, as the console shows it ("Hoạt động tuyên truyền: 12"). */
export interface WorkFigure {
  label: string;
  value: number | string;
}

/**
 * What happened of the linked work in the occurrence's year:
 * - an event: the day it happened (null: not yet) and the record that did it;
 * - figures: the year's figures, the share of the work done (0..1, null when it has no share)
 *   and whether any of it happened at all.
 */
export type WorkFact =
  | { kind: 'event'; on: IsoDate | null; ref: string | null }
  | { kind: 'figures'; share: number | null; active: boolean; figures: WorkFigure[] };

/**
 * The coordinator's decision on a linked occurrence, with a reason: 'done' completes it on a day
 * whatever the work says (work done outside cqtt), 'open' keeps it open although the work
 * happened (the work was wrong or not enough).
 */
export interface FulfilmentOverride {
  state: 'done' | 'open';
  /** The completion day, for 'done'. */
  on: IsoDate | null;
  reason: string;
}

export interface FulfilmentInput {
  /** The kind the task names, or null: the occurrence is completed by hand, as before. */
  link: FulfilmentKind | null;
  dueDate: IsoDate | null;
  /** What was recorded by hand: the completion day and the progress reported. */
  manual: { completedOn: IsoDate | null; progress: number };
  override: FulfilmentOverride | null;
  /** The linked work's facts for the year; null without a link. */
  work: WorkFact | null;
}

export interface DerivedOccurrence {
  status: OccurrenceStatus;
  /** 0-100. */
  progress: number;
  completedOn: IsoDate | null;
  /** Who decided the state: the linked work, the coordinator's override, a person by hand, or nobody yet. */
  source: 'work' | 'override' | 'manual' | null;
  /** Set when the linked work completed the occurrence: what, on which day, which record. */
  fulfilledBy: { kind: EventFulfilmentKind; at: IsoDate; ref: string | null } | null;
  /** The year's figures of a figure kind. */
  figures: WorkFigure[] | null;
}

/**
 * An occurrence's state from the facts (DOMAIN.md, issue 12): the coordinator's override wins;
 * then linked work that has happened by today completes it on the day it happened (on time when
 * that day is not after the due date; late otherwise, never re-dated); then a completion
 * recorded by hand. Figure kinds give their share of the year's work as progress and count as
 * started once any of it happened. Not done and past the due date is overdue, as before.
 */
export function deriveOccurrence(input: FulfilmentInput, today: IsoDate): DerivedOccurrence {
  const { dueDate, manual, override } = input;
  const work = input.link ? input.work : null;
  const figures = work?.kind === 'figures' ? work.figures : null;
  let completedOn: IsoDate | null = null;
  let source: DerivedOccurrence['source'] = null;
  let fulfilledBy: DerivedOccurrence['fulfilledBy'] = null;

  if (override?.state === 'done' && override.on) {
    completedOn = override.on;
    source = 'override';
  } else if (override?.state === 'open') {
    // kept open by the coordinator: neither the work nor an older manual completion counts
  } else if (
    input.link &&
    isEventFulfilment(input.link) &&
    work?.kind === 'event' &&
    work.on !== null &&
    work.on <= today
  ) {
    completedOn = work.on;
    source = 'work';
    fulfilledBy = { kind: input.link, at: work.on, ref: work.ref };
  } else if (manual.completedOn) {
    completedOn = manual.completedOn;
    source = 'manual';
  }

  let progress = manual.progress;
  if (work?.kind === 'figures' && work.share !== null && override?.state !== 'open') {
    progress = Math.round(Math.min(1, Math.max(0, work.share)) * 100);
  }
  if (source === 'work') progress = 100;
  if (completedOn && source !== 'manual') progress = Math.max(progress, 100);
  const started = progress > 0 || (work?.kind === 'figures' && work.active);

  let status: OccurrenceStatus;
  if (completedOn) status = 'done';
  else if (dueDate !== null && today > dueDate) status = 'overdue';
  else status = started ? 'in_progress' : 'not_started';

  return { status, progress, completedOn, source, fulfilledBy, figures };
}

/** Why an override cannot be recorded, or null. */
export function overrideProblem(
  input: { state: 'done' | 'open' | 'auto'; on?: IsoDate | null; reason?: string },
  today: IsoDate,
): string | null {
  if (input.state !== 'auto' && !(input.reason ?? '').trim()) return 'Ghi nhận thủ công phải ghi rõ lý do.';
  if (input.state === 'done') {
    if (!input.on) return 'Vui lòng chọn ngày hoàn thành.';
    if (input.on > today) return 'Ngày hoàn thành không được sau ngày hôm nay.';
  }
  return null;
}
