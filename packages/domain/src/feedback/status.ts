import type { IsoDate } from '../plans/dates.ts';

/**
 * The life of a feedback item (phản ánh, kiến nghị) or a unit's difficulty
 * (vướng mắc) in the commune's queue.
 *
 *   received ─accept→ accepted ─assign→ assigned ─draft→ drafted ─approve→ approved ─publish→ published ─rate→ rated
 *      │                  │                 ↑   drafted ─return→ assigned (leader sends it back)
 *      ├─reject→ rejected (with a reason)   │
 *      ├─merge→ merged (into another item)  └─reassign (assigned → assigned, another unit)
 *      └─route_out→ routed_out (khiếu nại / tố cáo: another law, another channel, with a note)
 *
 * received may also go straight to assigned (accept and assign in one step).
 * rejected, merged, routed_out and rated are final; published waits for the
 * citizen's rating, which may never come.
 */
export const FEEDBACK_STATUSES = [
  'received',
  'accepted',
  'rejected',
  'merged',
  'routed_out',
  'assigned',
  'drafted',
  'approved',
  'published',
  'rated',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  received: 'Đã tiếp nhận',
  accepted: 'Đã xác nhận, chờ phân công',
  rejected: 'Không thụ lý',
  merged: 'Đã gộp với phản ánh trùng',
  routed_out: 'Chuyển xử lý theo quy định khiếu nại, tố cáo',
  assigned: 'Đã giao đơn vị xử lý',
  drafted: 'Đã có dự thảo trả lời, chờ lãnh đạo duyệt',
  approved: 'Lãnh đạo đã duyệt trả lời',
  published: 'Đã trả lời',
  rated: 'Đã trả lời, người dân đã đánh giá',
};

export const FEEDBACK_ACTIONS = [
  'accept',
  'reject',
  'merge',
  'route_out',
  'assign',
  'draft',
  'return',
  'approve',
  'publish',
  'rate',
] as const;
export type FeedbackAction = (typeof FEEDBACK_ACTIONS)[number];

const TRANSITIONS: Record<FeedbackAction, { from: readonly FeedbackStatus[]; to: FeedbackStatus }> = {
  accept: { from: ['received'], to: 'accepted' },
  reject: { from: ['received', 'accepted'], to: 'rejected' },
  merge: { from: ['received', 'accepted'], to: 'merged' },
  route_out: { from: ['received', 'accepted'], to: 'routed_out' },
  assign: { from: ['received', 'accepted', 'assigned'], to: 'assigned' },
  draft: { from: ['assigned', 'drafted'], to: 'drafted' },
  return: { from: ['drafted'], to: 'assigned' },
  approve: { from: ['drafted'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  rate: { from: ['published'], to: 'rated' },
};

/** The status after an action, or null when the action is not allowed from this status. */
export function nextStatus(from: FeedbackStatus, action: FeedbackAction): FeedbackStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** The actions allowed from a status (whoever may take them). */
export function allowedActions(from: FeedbackStatus): FeedbackAction[] {
  return FEEDBACK_ACTIONS.filter((a) => nextStatus(from, a) !== null);
}

/** Final: nothing more happens to the item (published waits for a rating, so it is not final). */
export function isClosed(status: FeedbackStatus): boolean {
  return status === 'rejected' || status === 'merged' || status === 'routed_out' || status === 'rated';
}

/** The commune has given its answer (or its decision not to answer here). */
export function isAnswered(status: FeedbackStatus): boolean {
  return status === 'published' || status === 'rated' || isClosed(status);
}

/** Items the deadline applies to: the ones the commune must answer itself. */
export function countsForDeadline(status: FeedbackStatus): boolean {
  return status !== 'merged' && status !== 'routed_out';
}

/**
 * Answered on time: the answer went out (published; for a rejection, the
 * rejection itself) on or before the deadline, in the commune's calendar.
 */
export function answeredOnTime(answeredOn: IsoDate | null, deadline: IsoDate): boolean {
  return answeredOn !== null && answeredOn <= deadline;
}

/** Overdue: still waiting for the commune's answer after the deadline day. */
export function isOverdue(status: FeedbackStatus, deadline: IsoDate, today: IsoDate): boolean {
  return countsForDeadline(status) && !isAnswered(status) && today > deadline;
}
