import { WORK_URGENCIES } from '@cqtt/domain/work/work';
import { z } from 'zod';
import { endpoint } from './endpoint.ts';

/**
 * The work waiting for the signed-in user, for the console's home (Tổng quan): tasks overdue and
 * due this week, indicators waiting for the unit's scores, assessment files waiting for
 * supervision, approval or sending, what the city returned, citizens' feedback waiting or late,
 * difficulties to answer, villages' results to enter or review, budgets and rewards to decide.
 * Only what the user may read: their commune, and their unit's share where the role is a unit's.
 */

export const WORK_KINDS = [
  'task',
  'score',
  'assessment',
  'cityReturn',
  'feedback',
  'difficulty',
  'village',
  'budget',
  'reward',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Where an item opens in the console: the page and the ids it needs. */
export const WorkLink = z.discriminatedUnion('page', [
  z.object({ page: z.literal('task'), planId: z.uuid(), taskId: z.uuid(), year: z.number() }),
  z.object({ page: z.literal('assessment'), assessmentId: z.uuid() }),
  z.object({ page: z.literal('feedback'), feedbackId: z.uuid() }),
  z.object({ page: z.literal('difficulties'), planId: z.uuid().nullable(), year: z.number() }),
  z.object({ page: z.literal('villageAssessments'), year: z.number(), village: z.string() }),
  z.object({ page: z.literal('budget'), year: z.number() }),
  z.object({ page: z.literal('rewards'), year: z.number() }),
]);
export type WorkLink = z.output<typeof WorkLink>;

export const WorkItem = z.object({
  kind: z.enum(WORK_KINDS),
  /** Unique in the list (the record's id, with its kind). */
  key: z.string(),
  /** What it is: the task's content, the feedback's matter, the file's name. */
  title: z.string(),
  /** What waits and whose it is, in Vietnamese: "Chờ lãnh đạo duyệt", "Phòng Kinh tế". */
  detail: z.string(),
  /** The day it is due (Việt Nam), if it has one. */
  due: z.iso.date().nullable(),
  urgency: z.enum(WORK_URGENCIES),
  link: WorkLink,
});
export type WorkItem = z.output<typeof WorkItem>;

export const WorkList = z.object({
  /** Today in Việt Nam, and the Sunday that ends this week. */
  today: z.iso.date(),
  weekEnd: z.iso.date(),
  /** Items of each kind, the most urgent first, at most 50 of a kind. */
  items: z.array(WorkItem),
  /** The kinds with more items than the list shows, and how many there are in all. */
  more: z.array(z.object({ kind: z.enum(WORK_KINDS), total: z.number().int() })),
});
export type WorkList = z.output<typeof WorkList>;

export const work = {
  mine: endpoint({
    method: 'GET',
    url: '/api/work',
    tag: 'work',
    access: 'user',
    summary:
      'Việc đang chờ người dùng: nhiệm vụ quá hạn, đến hạn trong tuần; chỉ tiêu chờ chấm; hồ sơ chờ giám sát, duyệt; thành phố trả lại; phản ánh đến hạn, quá hạn; vướng mắc chờ trả lời',
    response: WorkList,
  }),
};
