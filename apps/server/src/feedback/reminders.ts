import { addDays, excerpt, formatVietnameseDate, vietnamDate } from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit/service.ts';
import type { DB } from '../db/schema.ts';
import type { JobLog } from '../jobs/scheduler.ts';
import { enqueueMail, isMailAddress } from '../mail/outbox.ts';
import { createNotifications } from '../notify/service.ts';

/**
 * Reminders of feedback waiting for an answer, as the plans' task reminders:
 * "due tomorrow" the day before the deadline (or on it, if the server was
 * down) and "overdue" the day after; once each per item, recorded in
 * feedback_reminders_sent so two servers send one. An item assigned to a unit
 * reminds that unit's focal points; one not yet assigned (or a draft waiting
 * for approval) reminds the coordinators (or the leaders).
 */
export async function runFeedbackReminders(
  db: Kysely<DB>,
  now: Date,
  options: { publicUrl: string; log?: JobLog },
): Promise<{ reminders: number; notifications: number; mails: number; failed: number }> {
  const today = vietnamDate(now);
  const tomorrow = addDays(today, 1);
  const items = await db
    .selectFrom('feedback_items as i')
    .select([
      'i.commune_id',
      'i.id',
      'i.kind',
      'i.tracking_code',
      'i.content',
      'i.status',
      'i.deadline',
      'i.unit_id',
    ])
    .where('i.status', 'in', ['received', 'accepted', 'assigned', 'drafted', 'approved'])
    .where('i.deadline', '<=', tomorrow)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('feedback_reminders_sent as r')
            .select('r.item_id')
            .whereRef('r.commune_id', '=', 'i.commune_id')
            .whereRef('r.item_id', '=', 'i.id')
            .where(
              'r.key',
              '=',
              sql<string>`case when i.deadline < ${today} then 'overdue' else 'before_1' end`,
            ),
        ),
      ),
    )
    .orderBy('i.deadline')
    .limit(500)
    .execute();
  const report = { reminders: 0, notifications: 0, mails: 0, failed: 0 };
  for (const item of items) {
    const key = item.deadline < today ? 'overdue' : 'before_1';
    try {
      const sent = await db.transaction().execute(async (trx) => {
        const inserted = await trx
          .insertInto('feedback_reminders_sent')
          .values({ commune_id: item.commune_id, item_id: item.id, key })
          .onConflict((oc) => oc.doNothing())
          .returning('key')
          .executeTakeFirst();
        if (!inserted) return null;
        const role =
          ['assigned'].includes(item.status) && item.unit_id
            ? 'focal'
            : item.status === 'drafted'
              ? 'leader'
              : 'coordinator';
        let q = trx
          .selectFrom('users')
          .select(['id', 'full_name', 'email', 'username'])
          .where('commune_id', '=', item.commune_id)
          .where('is_active', '=', true)
          .where(sql<boolean>`${role} = any(roles)`);
        if (role === 'focal') q = q.where('unit_id', '=', item.unit_id);
        let recipients = await q.execute();
        if (recipients.length === 0)
          recipients = await trx
            .selectFrom('users')
            .select(['id', 'full_name', 'email', 'username'])
            .where('commune_id', '=', item.commune_id)
            .where('is_active', '=', true)
            .where(sql<boolean>`'coordinator' = any(roles)`)
            .execute();
        const what = item.kind === 'difficulty' ? 'Vướng mắc của đơn vị' : `Phản ánh ${item.tracking_code}`;
        const title =
          key === 'overdue'
            ? `Quá hạn: ${what} hạn trả lời ${formatVietnameseDate(item.deadline)}`
            : `Nhắc việc: ${what} đến hạn trả lời ${formatVietnameseDate(item.deadline)}`;
        const link = `/feedback/${item.id}`;
        const notifications = await createNotifications(
          trx,
          recipients.map((u) => ({
            communeId: item.commune_id,
            userId: u.id,
            kind: key === 'overdue' ? 'feedback.overdue' : 'feedback.reminder',
            title,
            body: excerpt(item.content, 300),
            link,
          })),
        );
        let mails = 0;
        for (const u of recipients) {
          if (!u.email || !isMailAddress(u.email.trim())) continue;
          await enqueueMail(trx, {
            communeId: item.commune_id,
            to: u.email,
            subject: title,
            body: `Kính gửi ${u.full_name},\n\n${title}.\n\n${excerpt(item.content, 500, { lines: true })}\n\nXem và xử lý: ${options.publicUrl}${link}\n`,
            at: now,
          });
          mails++;
        }
        await recordAudit(
          trx,
          { actor: null, requestId: 'job:feedback-reminders', ip: 'local' },
          {
            action: 'feedback.remind',
            entityType: 'feedback_item',
            entityId: item.id,
            communeId: item.commune_id,
            after: { key, deadline: item.deadline, recipients: recipients.map((u) => u.username) },
          },
          'hệ thống',
        );
        return { notifications, mails };
      });
      if (!sent) continue;
      report.reminders++;
      report.notifications += sent.notifications;
      report.mails += sent.mails;
    } catch (error) {
      report.failed++;
      options.log?.error({ err: error, itemId: item.id, key }, 'feedback reminder not sent');
    }
  }
  if (report.reminders > 0 || report.failed > 0)
    options.log?.info({ today, ...report }, 'feedback reminders sent');
  return report;
}
