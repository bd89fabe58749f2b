import {
  ALL_UNITS_LEAD_SHORT,
  DEFAULT_REMINDER_OFFSETS,
  daysLeft,
  excerpt,
  type FulfilmentKind,
  formatVietnameseDate,
  type IsoDate,
  type ReminderKey,
  remindersOwed,
  type Schedule,
  taskOccurrenceIn,
  vietnamDate,
} from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import { enqueueMail, isMailAddress } from '../mail/outbox.ts';
import { cellKey } from '../measures/registry.ts';
import { createNotifications } from '../notify/service.ts';
import { workFactsFor } from '../plans/fulfilment.ts';
import { deriveTaskYear, type TaskYearState, taskYearKey, taskYearStates } from '../plans/task-states.ts';
import type { JobLog } from './scheduler.ts';

export interface ReminderOptions {
  /** Address of the console; mail links start with it. */
  publicUrl: string;
  log?: JobLog;
}

export interface ReminderReport {
  /** Reminders newly recorded (one per occurrence and key). */
  reminders: number;
  notifications: number;
  mails: number;
  /** Reminders whose transaction failed (rolled back; tried again next run). */
  failed: number;
}

/** Roles of the lead unit's users who receive its reminders. */
export const REMINDER_ROLES = ['focal', 'coordinator'] as const;

interface TaskRow {
  commune_id: string;
  commune_name: string;
  task_id: string;
  plan_id: string;
  plan_title: string;
  number: number;
  content: string;
  schedule: Schedule;
  schedule_text: string;
  coordinating_text: string;
  added_on: string;
  /** Null when every unit of the commune leads the task. */
  lead_unit_id: string | null;
  lead_unit_name: string;
  period_from: number;
  period_to: number | null;
  reminder_offsets: number[] | null;
  fulfilment: FulfilmentKind | null;
}

export interface Owed {
  task: TaskRow;
  year: number;
  dueDate: IsoDate;
  key: ReminderKey;
  daysLeft: number;
}

/**
 * One scan: for every active task of every plan, this year's occurrence (and
 * last year's, which can still be owed its overdue reminder: December's tasks
 * fall due on 31/12), the reminder it is owed today by the commune's offsets,
 * and, for each one not yet recorded, one transaction that records it in
 * reminders_sent, notifies the lead unit's focal points and coordinators,
 * queues their mail and writes one audit row. The insert into reminders_sent
 * (unique per occurrence and key) decides: when another server or an earlier
 * run got there first it inserts nothing and this run sends nothing.
 */
export async function runTaskReminders(
  db: Kysely<DB>,
  now: Date,
  options: ReminderOptions,
): Promise<ReminderReport> {
  const today = vietnamDate(now);
  const owed = await findOwed(db, today);
  const report: ReminderReport = { reminders: 0, notifications: 0, mails: 0, failed: 0 };
  for (const item of owed) {
    let sent: Awaited<ReturnType<typeof sendReminder>>;
    try {
      sent = await sendReminder(db, item, now, options);
    } catch (error) {
      // one reminder that cannot be written must not hold back the others;
      // nothing of it was kept, so the next run tries it again
      report.failed++;
      options.log?.error(
        { err: error, taskId: item.task.task_id, year: item.year, key: item.key },
        'reminder not sent',
      );
      continue;
    }
    if (!sent) continue;
    report.reminders++;
    report.notifications += sent.notifications;
    report.mails += sent.mails;
  }
  if (report.reminders > 0 || report.failed > 0) options.log?.info({ today, ...report }, 'reminders sent');
  return report;
}

/** Reminders owed today that reminders_sent does not have yet. */
export async function findOwed(db: Kysely<DB>, today: IsoDate): Promise<Owed[]> {
  const year = Number(today.slice(0, 4));
  const years = [year - 1, year];
  const tasks = (await db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', (j) =>
      j.onRef('p.commune_id', '=', 't.commune_id').onRef('p.id', '=', 't.plan_id'),
    )
    .innerJoin('communes as c', 'c.id', 't.commune_id')
    .leftJoin('units as u', (j) =>
      j.onRef('u.commune_id', '=', 't.commune_id').onRef('u.id', '=', 't.lead_unit_id'),
    )
    .leftJoin('commune_settings as s', 's.commune_id', 't.commune_id')
    .where('t.is_active', '=', true)
    .where('p.period_from', '<=', year)
    .where((eb) => eb.or([eb('p.period_to', 'is', null), eb('p.period_to', '>=', year - 1)]))
    .select([
      't.commune_id',
      'c.name as commune_name',
      't.id as task_id',
      't.plan_id',
      'p.title as plan_title',
      't.number',
      't.content',
      't.schedule',
      't.schedule_text',
      't.coordinating_text',
      't.added_on',
      't.lead_unit_id',
      sql<string>`coalesce(u.name, ${ALL_UNITS_LEAD_SHORT})`.as('lead_unit_name'),
      'p.period_from',
      'p.period_to',
      's.reminder_offsets',
      't.fulfilment',
    ])
    .orderBy('t.commune_id')
    .orderBy('t.plan_id')
    .orderBy('t.number')
    .execute()) as TaskRow[];
  if (tasks.length === 0) return [];
  const [stateOf, sent] = await Promise.all([
    taskYearStates(db, null, years),
    db.selectFrom('reminders_sent').select(['task_id', 'year', 'key']).where('year', 'in', years).execute(),
  ]);
  const sentKeys = new Set(sent.map((s) => `${s.task_id}/${s.year}/${s.key}`));
  const owed: Owed[] = [];
  for (const task of tasks) {
    const offsets = task.reminder_offsets ?? DEFAULT_REMINDER_OFFSETS;
    for (const y of years) {
      const occurrence = taskOccurrenceIn(
        task.schedule,
        y,
        { fromYear: task.period_from, toYear: task.period_to },
        task.added_on,
      );
      if (!occurrence?.dueDate) continue;
      const state = stateOf.get(taskYearKey(task.task_id, y));
      const keys = remindersOwed(
        {
          dueDate: occurrence.dueDate,
          completedOn: state?.completed_on ?? null,
          progress: state?.progress ?? 0,
        },
        today,
        offsets,
      );
      for (const key of keys) {
        if (sentKeys.has(`${task.task_id}/${y}/${key}`)) continue;
        owed.push({
          task,
          year: y,
          dueDate: occurrence.dueDate,
          key,
          daysLeft: daysLeft(occurrence.dueDate, today)!,
        });
      }
    }
  }
  return withoutFulfilled(db, owed, stateOf, today);
}

/**
 * Drops the reminders of occurrences that their linked work (or the coordinator's override)
 * has completed: the same rule as the console's lists (plans/task-states.ts deriveTaskYear),
 * with the work's facts read once per kind for every commune and year where a reminder is owed
 * (plans/fulfilment.ts workFactsFor), not once per commune.
 */
async function withoutFulfilled(
  db: Kysely<DB>,
  owed: Owed[],
  stateOf: Map<string, TaskYearState>,
  today: IsoDate,
): Promise<Owed[]> {
  const linked = owed.filter(
    (o) => o.task.fulfilment !== null || stateOf.get(taskYearKey(o.task.task_id, o.year))?.override_state,
  );
  if (linked.length === 0) return owed;
  const facts = await workFactsFor(
    db,
    {
      communeIds: [...new Set(linked.map((o) => o.task.commune_id))],
      years: [...new Set(linked.map((o) => o.year))],
      today,
    },
    linked.map((o) => o.task.fulfilment),
  );
  return owed.filter(
    (o) =>
      deriveTaskYear(
        o.task.fulfilment,
        o.dueDate,
        stateOf.get(taskYearKey(o.task.task_id, o.year)),
        facts.get(cellKey(o.task.commune_id, o.year)),
        today,
      ).status !== 'done',
  );
}

async function sendReminder(
  db: Kysely<DB>,
  item: Owed,
  now: Date,
  options: ReminderOptions,
): Promise<{ notifications: number; mails: number } | null> {
  const { task } = item;
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('reminders_sent')
      .values({ commune_id: task.commune_id, task_id: task.task_id, year: item.year, key: item.key })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) return null;
    const recipients = await recipientsOf(trx, task.commune_id, task.lead_unit_id);
    const text = reminderText(item);
    const link = `/plans/${task.plan_id}?year=${item.year}&task=${task.task_id}`;
    const notifications = await createNotifications(
      trx,
      recipients.map((user) => ({
        communeId: task.commune_id,
        userId: user.id,
        kind: item.key === 'overdue' ? 'task.overdue' : 'task.reminder',
        title: text.title,
        body: text.summary,
        link,
      })),
    );
    let mails = 0;
    for (const user of recipients) {
      if (!user.email || !isMailAddress(user.email.trim())) continue;
      await enqueueMail(trx, {
        communeId: task.commune_id,
        to: user.email,
        subject: text.title,
        body: mailBody(item, user.full_name, `${options.publicUrl}${link}`),
        at: now,
      });
      mails++;
    }
    await recordAudit(
      trx,
      { actor: null, requestId: 'job:task-reminders', ip: 'local' },
      {
        action: 'reminders.send',
        entityType: 'task',
        entityId: task.task_id,
        communeId: task.commune_id,
        after: {
          year: item.year,
          key: item.key,
          dueDate: item.dueDate,
          recipients: recipients.map((u) => u.username),
          notifications,
          mails,
        },
      },
      'hệ thống',
    );
    return { notifications, mails };
  });
}

/**
 * Active users of the lead unit who are its focal point or the coordinator (of every unit when
 * every unit leads the task).
 * When the unit has none (a unit without an account yet), the commune's
 * coordinators receive it, so that a reminder never goes to nobody.
 */
async function recipientsOf(trx: Kysely<DB>, communeId: string, unitId: string | null) {
  const base = trx
    .selectFrom('users')
    .select(['id', 'username', 'full_name', 'email'])
    .where('commune_id', '=', communeId)
    .where('is_active', '=', true)
    .orderBy('username');
  const unitUsers = await (unitId === null ? base : base.where('unit_id', '=', unitId))
    .where(sql<boolean>`roles && ${sql.val([...REMINDER_ROLES])}::text[]`)
    .execute();
  if (unitUsers.length > 0) return unitUsers;
  return base.where(sql<boolean>`'coordinator' = any(roles)`).execute();
}

function when(item: Owed): string {
  if (item.key === 'overdue') return `quá hạn ${-item.daysLeft} ngày`;
  return item.daysLeft === 0 ? 'hạn cuối là hôm nay' : `còn ${item.daysLeft} ngày`;
}

/** Title of the notification and subject of the mail, and a short summary. */
export function reminderText(item: Owed): { title: string; summary: string } {
  const { task } = item;
  const head = item.key === 'overdue' ? 'Quá hạn' : 'Nhắc việc';
  const due = formatVietnameseDate(item.dueDate);
  return {
    title: `${head}: nhiệm vụ số ${task.number} «${excerpt(task.content, 70)}» hạn ${due} (${when(item)})`,
    summary: [
      excerpt(task.content, 300),
      `Thời hạn: ${task.schedule_text} – hạn cuối ${due} (${when(item)}).`,
      `Đơn vị chủ trì: ${task.lead_unit_name}.`,
    ].join('\n'),
  };
}

export function mailBody(item: Owed, fullName: string, url: string): string {
  const { task } = item;
  const due = formatVietnameseDate(item.dueDate);
  const lines = [
    `Kính gửi ${fullName},`,
    '',
    item.key === 'overdue'
      ? `Nhiệm vụ số ${task.number} năm ${item.year} đã quá hạn mà chưa được báo hoàn thành:`
      : `Nhiệm vụ số ${task.number} năm ${item.year} sắp đến hạn:`,
    '',
    task.content.trim(),
    '',
    `Thời hạn: ${task.schedule_text} – hạn cuối ${due} (${when(item)}).`,
    `Đơn vị chủ trì: ${task.lead_unit_name}.`,
    ...(task.coordinating_text.trim() ? [`Đơn vị phối hợp: ${task.coordinating_text.trim()}.`] : []),
    `Kế hoạch: ${task.plan_title}.`,
    '',
    item.key === 'overdue'
      ? 'Đề nghị đơn vị khẩn trương hoàn thành, cập nhật tiến độ hoặc báo cáo khó khăn, vướng mắc tại:'
      : 'Cập nhật tiến độ hoặc báo hoàn thành tại:',
    url,
    '',
    '--',
    `Thư tự động của hệ thống Chính quyền thân thiện – ${task.commune_name}. Vui lòng không trả lời thư này.`,
  ];
  return `${lines.join('\n')}\n`;
}
