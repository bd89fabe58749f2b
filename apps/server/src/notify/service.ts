import { excerpt } from '@cqtt/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface NewNotification {
  communeId: string | null;
  userId: string;
  /** What it is about, as capability.event: 'task.reminder', 'task.overdue'. */
  kind: string;
  title: string;
  body?: string;
  /** A path of the console ('/plans/…'), never a full URL. */
  link?: string;
}

/** Writes in-app notifications in the caller's transaction (with the change they announce). */
export async function createNotifications(trx: Kysely<DB>, items: NewNotification[]): Promise<number> {
  if (items.length === 0) return 0;
  await trx
    .insertInto('notifications')
    .values(
      items.map((n) => ({
        commune_id: n.communeId,
        user_id: n.userId,
        kind: n.kind,
        title: excerpt(n.title, 500),
        body: n.body ?? '',
        link: n.link ?? '',
      })),
    )
    .execute();
  return items.length;
}

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

type Row = {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
};

export function toView(row: Row): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}

export const VIEW_COLUMNS = ['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

/** A user's notifications, newest first, with how many are unread. */
export async function listNotifications(
  db: Kysely<DB>,
  userId: string,
  options: { page: number; pageSize: number; unreadOnly: boolean },
) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    q
      .select(VIEW_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.pageSize)
      .offset((options.page - 1) * options.pageSize)
      .execute(),
    db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`(count(*) filter (where read_at is null))::int`.as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(toView),
    unread: counts.unread,
    total: options.unreadOnly ? counts.unread : counts.total,
  };
}
